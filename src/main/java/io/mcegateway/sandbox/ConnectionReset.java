package io.mcegateway.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Ends an exchange with a TCP reset (RST), as a crashed server or a middlebox does, instead of the orderly close
 * (FIN) that {@link HttpExchange#close()} makes. A client sees the difference: "Connection reset" rather than an
 * empty answer. The JDK server gives no access to its socket, so the reset needs one look into its internals
 * ({@code HttpExchangeImpl.impl.connection.chan}), which Java 17 allows only with
 * {@value #ADD_OPENS}: set for tests, {@code spring-boot:run} and the jar's manifest (pom.xml). Without it, or on a
 * JDK whose internals differ, the exchange is closed normally and a warning says so once.
 */
final class ConnectionReset {

    static final String ADD_OPENS = "--add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED";

    private static final System.Logger LOG = System.getLogger(MceSandbox.class.getName());
    private static final SocketAccess ACCESS = SocketAccess.find();

    private ConnectionReset() {
    }

    /** Whether {@link #abort} really resets; false means it can only close normally in this JVM. */
    static boolean available() {
        return ACCESS.reason() == null;
    }

    /** Resets the exchange's connection without an answer; the request body may be left unread. */
    static void abort(HttpExchange exchange) {
        SocketChannel channel = ACCESS.channel(exchange);
        if (channel != null) {
            try {
                // Linger 0: closing discards unsent data and sends RST; the JDK then skips its FIN on close too.
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                RequestLog.failed("Could not prepare a connection reset", e);
            }
        }
        exchange.close();
    }

    /** The three fields from an exchange to its socket, or why they cannot be used. */
    private record SocketAccess(Field impl, Field connection, Field channel, String reason) {

        static SocketAccess find() {
            try {
                Field impl = open(Class.forName("sun.net.httpserver.HttpExchangeImpl"), "impl");
                Field connection = open(impl.getType(), "connection");
                Field channel = open(connection.getType(), "chan");
                if (!SocketChannel.class.isAssignableFrom(channel.getType())) {
                    return unavailable("unexpected JDK internals: " + channel);
                }
                return new SocketAccess(impl, connection, channel, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // InaccessibleObjectException (a RuntimeException) without the --add-opens.
                return unavailable(e.toString());
            }
        }

        private static SocketAccess unavailable(String reason) {
            LOG.log(Level.WARNING, "Sandbox faults of type connection-reset close the connection normally (FIN), "
                    + "not with a reset (RST): start the JVM with " + ADD_OPENS + " (" + reason + ")");
            return new SocketAccess(null, null, null, reason);
        }

        private static Field open(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        SocketChannel channel(HttpExchange exchange) {
            if (reason != null || !impl.getDeclaringClass().isInstance(exchange)) {
                return null;
            }
            try {
                return (SocketChannel) channel.get(connection.get(impl.get(exchange)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                RequestLog.failed("Could not reach the socket of an exchange", e);
                return null;
            }
        }
    }
}
