package io.mcegateway.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Maps a method and raw path to one of the simulated routes. */
final class RequestRouter {

    enum Operation { TOKEN, SEND, BATCH, STATUS, NOT_SENT }

    /**
     * @param channel    null for the token route
     * @param messageKey the decoded path key, for SEND and STATUS only
     */
    record RouteMatch(String routeId, Operation operation, Channel channel, String messageKey) {
    }

    private RequestRouter() {
    }

    static Optional<RouteMatch> match(String method, String rawPath) {
        if (rawPath.equals("/v2/token")) {
            return method.equals("POST")
                    ? Optional.of(new RouteMatch(RouteIds.TOKEN, Operation.TOKEN, null, null))
                    : Optional.empty();
        }
        // /messaging/v1/{channel}/messages, with or without trailing slash, or /…/messages/{messageKey}
        String[] segments = rawPath.split("/", -1);
        if (segments.length < 5 || segments.length > 6 || !segments[0].isEmpty()
                || !segments[1].equals("messaging") || !segments[2].equals("v1") || !segments[4].equals("messages")) {
            return Optional.empty();
        }
        Channel channel;
        try {
            channel = Channel.fromWireName(segments[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean collection = segments.length == 5 || segments[5].isEmpty();
        if (collection) {
            return switch (method) {
                case "POST" -> Optional.of(new RouteMatch(channel.wireName() + "-batch", Operation.BATCH, channel, null));
                case "GET" -> Optional.of(new RouteMatch(channel.wireName() + "-notsent", Operation.NOT_SENT, channel, null));
                default -> Optional.empty();
            };
        }
        String messageKey;
        try {
            messageKey = decodeSegment(segments[5]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (method) {
            case "POST" -> Optional.of(new RouteMatch(channel.wireName() + "-send", Operation.SEND, channel, messageKey));
            case "GET" -> Optional.of(new RouteMatch(channel.wireName() + "-status", Operation.STATUS, channel, messageKey));
            default -> Optional.empty();
        };
    }

    /** Percent-decoding of a path segment; unlike a query, '+' is a literal plus there. */
    private static String decodeSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
