package io.mcegateway.token;

import java.time.Duration;
import java.time.Instant;

/**
 * An MCE access token and what came with it. The value is opaque and secret: {@link #toString()} never shows it.
 *
 * @param receivedAt when the token response arrived
 * @param usableUntil receivedAt + expires_in - the configured safety margin; the token is not used after this
 * @param restBaseUrl normalised REST base URL, always with scheme and trailing slash
 */
public record AccessToken(String value, String restBaseUrl, Instant receivedAt, Instant usableUntil) {

    public boolean isUsableAt(Instant now) {
        return now.isBefore(usableUntil);
    }

    /** True once the token is within {@code window} of the end of its usable life. */
    public boolean needsRefreshAt(Instant now, Duration window) {
        return !now.isBefore(usableUntil.minus(window));
    }

    public String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[***, rest=" + restBaseUrl + ", usableUntil=" + usableUntil + "]";
    }
}
