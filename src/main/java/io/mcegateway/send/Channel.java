package io.mcegateway.send;

import java.util.Locale;

/** The two Transactional Messaging channels, named as in MCE's paths. */
public enum Channel {
    EMAIL, SMS;

    /** {@code email} or {@code sms}, as in {@code /messaging/v1/email/messages}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromPath(String path) {
        for (Channel channel : values()) {
            if (channel.path().equalsIgnoreCase(path)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("Unknown channel '" + path + "'");
    }
}
