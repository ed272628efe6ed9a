package io.mcegateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand, for the requests {@code java.net.http} will not send: a Content-Length the body never
 * reaches, or a chunked body that never ends. An answer to such a request proves the server did not wait for the
 * whole body.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static RawHttp connect(int port) throws IOException {
        return new RawHttp(new Socket("127.0.0.1", port));
    }

    /** Writes the request line and headers; {@code headers} are "Name: value" lines. */
    public RawHttp head(String requestLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return write(head.append("\r\n").toString());
    }

    public RawHttp write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** One chunk of a chunked body. */
    public RawHttp chunk(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n");
    }

    /** The status and body of the answer, read within {@code bound}; fails if none comes in time. */
    public Response response(Duration bound) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
                Response response = Response.parse(received.toString(StandardCharsets.UTF_8));
                if (response != null) {
                    return response;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No complete answer within " + bound + "; received: " + received, e);
        }
        Response response = Response.parse(received.toString(StandardCharsets.UTF_8));
        if (response == null) {
            throw new AssertionError("The connection closed before a complete answer; received: " + received);
        }
        return response;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An answer, its body sent with a Content-Length or chunked. */
    public record Response(int status, String head, String body) {

        /** Null while {@code text} does not hold the whole answer yet. */
        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String head = text.substring(0, end);
            String rest = text.substring(end + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            String lowerHead = head.toLowerCase(Locale.ROOT);
            if (lowerHead.contains("\r\ntransfer-encoding: chunked")) {
                String body = dechunked(rest);
                return body == null ? null : new Response(status, head, body);
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return rest.getBytes(StandardCharsets.UTF_8).length < length ? null : new Response(status, head, rest);
        }

        /** The body of a chunked answer, or null until its last chunk has come. ASCII bodies only. */
        private static String dechunked(String chunks) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunks.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    return null;
                }
                int size = Integer.parseInt(chunks.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                int dataEnd = lineEnd + 2 + size;
                if (chunks.length() < dataEnd + 2) {
                    return null;
                }
                body.append(chunks, lineEnd + 2, dataEnd);
                at = dataEnd + 2;
            }
        }
    }
}
