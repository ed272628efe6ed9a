package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiBodyLimitFilterTest {

    private final ApiBodyLimitFilter filter = new ApiBodyLimitFilter(100);

    @Test
    void a_json_body_without_a_length_is_passed_on_up_to_one_byte_over_the_limit() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/email/messages") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContentType("application/json");
        chunked.setContent("x".repeat(1000).getBytes());

        HttpServletRequest passedOn = filtered(chunked);

        assertThat(passedOn.getInputStream().readAllBytes()).hasSize(101);
    }

    @Test
    void a_json_body_within_the_limit_is_passed_on_whole() throws Exception {
        HttpServletRequest passedOn = filtered(post("application/json; charset=UTF-8", 100));

        assertThat(passedOn.getReader().lines().findFirst()).hasValue("x".repeat(100));
        assertThat(passedOn.getContentLength()).isEqualTo(100);
    }

    @Test
    void a_body_declared_over_the_limit_is_not_read() throws Exception {
        HttpServletRequest passedOn = filtered(post("application/json", 101));

        assertThat(passedOn.getContentLength()).isZero();
        assertThat(passedOn.getInputStream().read()).isEqualTo(-1);
        assertThat(passedOn.getHeader("Content-Length")).as("the route still sees the declared size").isEqualTo("101");
    }

    @Test
    void a_body_not_declared_json_is_not_read() throws Exception {
        HttpServletRequest passedOn = filtered(post("application/x-www-form-urlencoded", 10));

        assertThat(passedOn.getContentLengthLong()).isZero();
        assertThat(passedOn.getReader().read()).isEqualTo(-1);
    }

    private static MockHttpServletRequest post(String contentType, int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/email/messages/k");
        request.setContentType(contentType);
        request.setContent("x".repeat(bytes).getBytes());
        request.addHeader("Content-Length", String.valueOf(bytes));
        return request;
    }

    private HttpServletRequest filtered(MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> passedOn = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> passedOn.set((HttpServletRequest) req));
        return passedOn.get();
    }
}
