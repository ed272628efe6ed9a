package io.mcegateway.mce;

import io.mcegateway.config.MceProperties.HttpProperties;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.core5.util.TimeValue;

/**
 * The HTTP client settings every MCE call shares. Each value is deliberate:
 * <ul>
 *   <li>No automatic retries: HttpClient 5 would otherwise resend a POST once on 429/503 behind Camel's back,
 *       an unlogged duplicate send. Retrying is the routes' decision alone.</li>
 *   <li>Connect timeout short (a host that does not answer SYN will not answer later); response timeout long
 *       enough that MCE finishes work it has started, because a client that gives up early turns a success into
 *       an unknown outcome (guidance Point 2).</li>
 *   <li>Pool wait bounded, so a stuck pool shows as an error instead of a hang.</li>
 *   <li>Idle connections evicted well before MCE's server side closes them after 5 s of inactivity; reusing a
 *       connection the server just closed fails the request.</li>
 * </ul>
 */
public final class MceHttpClient {

    private MceHttpClient() {
    }

    public static void configure(HttpComponent http, HttpProperties settings) {
        http.setAutomaticRetriesDisabled(true);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setResponseTimeout(settings.responseTimeout().toMillis());
        http.setSoTimeout(settings.responseTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.poolTimeout().toMillis());
        http.setMaxTotalConnections(settings.maxConnections());
        http.setConnectionsPerRoute(settings.maxConnections());
        TimeValue idle = TimeValue.ofMilliseconds(settings.idleEviction().toMillis());
        http.setHttpClientConfigurer(builder -> builder
                .disableAutomaticRetries()
                .evictExpiredConnections()
                .evictIdleConnections(idle));
    }
}
