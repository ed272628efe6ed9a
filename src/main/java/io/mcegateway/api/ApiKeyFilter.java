package io.mcegateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets a request into {@code /api/**} only with {@code Authorization: Bearer <gateway API key>}. */
public final class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String key = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        if (!keys.accepts(key)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mce-gateway\"");
            response.setContentType("application/json");
            response.getWriter().write(key == null
                    ? "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <gateway API key> is required\"}"
                    : "{\"error\":\"unauthorized\",\"message\":\"The gateway API key is not valid\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
