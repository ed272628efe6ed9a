package io.mcegateway.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Decides at acceptance whether a message will end NotSent. The draw is a hash of the channel and messageKey,
 * not a random number, so a run with the same keys and ratio gives the same outcomes (reproducible tests)
 * while the share of NotSent messages over many keys follows the ratio.
 */
final class NotSentDraw {

    private NotSentDraw() {
    }

    static Optional<NotSentReason> decide(Channel channel, String messageKey, double notSentRatio) {
        if (notSentRatio <= 0.0) {
            return Optional.empty();
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256(channel.wireName() + ":" + messageKey));
        double draw = (digest.getLong() >>> 11) * 0x1.0p-53;
        if (draw >= notSentRatio) {
            return Optional.empty();
        }
        List<NotSentReason> reasons = channel.notSentReasons();
        return Optional.of(reasons.get(Byte.toUnsignedInt(digest.get()) % reasons.size()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
