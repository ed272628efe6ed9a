package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.SupportBundleReplies;
import io.mcegateway.api.SupportBundleRoutes;
import io.mcegateway.config.ExchangeLogProperties.StoreProperties;
import io.mcegateway.config.ExchangeLogProperties.TrendProperties;
import io.mcegateway.exchangelog.ErrorClassifier;
import io.mcegateway.exchangelog.ErrorTrend;
import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.ExchangeStore;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import io.mcegateway.mce.ExchangeRecorder;
import io.mcegateway.mce.MceExchangeCapture;
import io.mcegateway.mce.MceHttp;
import io.mcegateway.mce.MceHttpCallRoutes;
import io.mcegateway.send.ExchangeMessageKeys;
import io.mcegateway.token.BusinessUnit;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.TokenCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the masked exchange log: masking rules and masker, classification, error trend, store, the
 * {@code mce-http-call} route every MCE exchange goes through, the support bundle API and the error-trend health.
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeLogConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLogConfiguration.class);

    /**
     * The rules with the configured names added. The key comes from {@code mce.exchange-log.hash-key}; when every
     * business unit talks to the embedded sandbox alone and no key is set, a random one per start (hashes then
     * correlate within one run only).
     *
     * @throws IllegalStateException without a usable key while any business unit reaches beyond the sandbox
     */
    @Bean
    public MaskingRules maskingRules(ExchangeLogProperties exchangeLog, BusinessUnits units,
            ObjectProvider<BusinessUnits.SandboxAccess> sandbox) {
        return maskingRules(exchangeLog, units.notOnSandbox(sandbox.getIfAvailable()));
    }

    /**
     * The same, for runs without Spring (Camel JBang's LocalGateway).
     *
     * @param notOnSandbox the business units that reach something other than the embedded sandbox
     */
    public MaskingRules maskingRules(ExchangeLogProperties exchangeLog, List<String> notOnSandbox) {
        byte[] key = hashKey(exchangeLog.hashKey(), notOnSandbox);
        try {
            return MaskingRules.defaults(key)
                    .withPersonalNames(exchangeLog.personalNames())
                    .withSecretNames(exchangeLog.secretNames())
                    .withIdentifierNames(exchangeLog.identifierNames());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mce.exchange-log.hash-key is too short: " + e.getMessage()
                    + " (its value is not shown)");
        }
    }

    /**
     * A random key is allowed only while no business unit can carry real personal data to a real MCE account: the
     * sandbox forced on beside a real client id still needs a fixed, secret key.
     */
    static byte[] hashKey(Secret configured, List<String> notOnSandbox) {
        if (configured != null) {
            return configured.reveal().getBytes(StandardCharsets.UTF_8);
        }
        if (!notOnSandbox.isEmpty()) {
            throw new IllegalStateException("mce.exchange-log.hash-key is empty. Business units " + notOnSandbox
                    + " reach a real MCE account, so the exchange log needs a fixed secret key (at least 16 bytes) "
                    + "to hash personal data with; set MCE_EXCHANGE_LOG_HASH_KEY from your secret store. See the "
                    + "README, section 'Configure for a real MCE account'.");
        }
        LOG.info("No mce.exchange-log.hash-key: with the sandbox, personal data is hashed under a random key "
                + "that lasts until the gateway stops");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * The masker also replaces, wherever they appear, every business unit's client secret and the tokens in use.
     */
    @Bean
    public Masker exchangeMasker(MaskingRules rules, BusinessUnits units, TokenCache tokens) {
        List<String> clientSecrets = units.names().stream()
                .map(units::resolve)
                .map(BusinessUnit::clientSecret)
                .filter(Objects::nonNull)
                .map(Secret::reveal)
                .distinct()
                .toList();
        return new Masker(rules).withKnownSecrets(() -> {
            List<String> known = new ArrayList<>(clientSecrets);
            known.addAll(tokens.tokenValuesForMasking());
            return known;
        });
    }

    @Bean
    public ErrorTrend errorTrend(ExchangeLogProperties exchangeLog, Clock clock, MeterRegistry meters) {
        TrendProperties trend = exchangeLog.trend();
        return new ErrorTrend(new ErrorTrend.Settings(trend.bucket(), trend.shortWindow(), trend.baselineWindow(),
                trend.riseFactor(), trend.minErrors(), trend.minRate(), trend.persistBuckets(),
                trend.maxSignatures()), clock, meters);
    }

    @Bean
    public ExchangeStore exchangeStore(ExchangeLogProperties exchangeLog, Clock clock, ErrorTrend trend) {
        StoreProperties store = exchangeLog.store();
        return new ExchangeStore(new ExchangeStore.Limits(store.maxRecords(), store.maxAge(),
                store.maxBytes().toBytes()), clock, trend);
    }

    @Bean
    public ExchangeLog exchangeLog(Masker exchangeMasker, ErrorTrend trend, ExchangeStore store, MeterRegistry meters,
            Clock clock) {
        return new ExchangeLog(exchangeMasker, new ErrorClassifier(), trend, store, meters, clock);
    }

    @Bean(destroyMethod = "close")
    public ExchangeRecorder exchangeRecorder(ExchangeLog exchangeLog, ExchangeLogProperties settings, MeterRegistry meters) {
        return new ExchangeRecorder(exchangeLog, settings.queueSize(), meters);
    }

    @Bean
    public RoutesBuilder mceHttpCallRoutes(ExchangeRecorder recorder, Clock clock, MeterRegistry meters) {
        return new MceHttpCallRoutes(new MceExchangeCapture(clock, new ExchangeMessageKeys(), meters), recorder,
                MceHttp.HTTP_ENDPOINT);
    }

    @Bean
    public RoutesBuilder supportBundleRoutes(ExchangeLog exchangeLog, ObjectMapper json) {
        return new SupportBundleRoutes(new SupportBundleReplies(exchangeLog, json));
    }
}
