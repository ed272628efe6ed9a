package io.mcegateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Spring Boot only: bounds what Camel's servlet binding reads of a gateway API request body, which it reads whole,
 * into memory, before the first route step runs. A body the gateway will refuse is not read at all (declared larger
 * than {@code mce.send.max-body-size}, or not declared JSON: a form body would even break the binding's form
 * parsing), and any other is read up to one byte over the limit, so a chunked body cannot outgrow it either. The
 * refusals themselves stay in Camel ({@code sendRequests}): 413 or 415 in the gateway's format, after the API key
 * check. Camel JBang runs have no servlet container; their HTTP server reads the whole body (see the README).
 */
public final class ApiBodyLimitFilter extends org.springframework.web.filter.OncePerRequestFilter {

    private final long maxBodyBytes;

    public ApiBodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean refused = request.getContentLengthLong() > maxBodyBytes
                || !JsonContentType.declaredBy(request.getContentType());
        chain.doFilter(new BoundedBody(request, refused ? 0 : maxBodyBytes + 1), response);
    }

    /** The request, with at most {@code readable} bytes of its body. */
    private static final class BoundedBody extends HttpServletRequestWrapper {

        private final long readable;
        private BoundedInputStream stream;

        BoundedBody(HttpServletRequest request, long readable) {
            super(request);
            this.readable = readable;
        }

        @Override
        public int getContentLength() {
            // 0 makes the binding skip the body; the Content-Length header still tells the route the declared size.
            return readable == 0 ? 0 : super.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return readable == 0 ? 0 : super.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedInputStream(super.getInputStream(), readable);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** Ends after {@code remaining} bytes, leaving the rest of the body unread. */
    private static final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream body;
        private long remaining;

        BoundedInputStream(ServletInputStream body, long remaining) {
            this.body = body;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int next = body.read();
            if (next >= 0) {
                remaining--;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = body.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public boolean isFinished() {
            return remaining <= 0 || body.isFinished();
        }

        @Override
        public boolean isReady() {
            return remaining <= 0 || body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
