package io.hookline.api.security;

import io.hookline.api.problem.ProblemType;
import io.hookline.api.problem.Problems;
import io.hookline.tenancy.ratelimit.RateLimitDecision;
import io.hookline.tenancy.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits calls to the API that carry no bearer token per client IP, before any token is
 * parsed: a flood of unauthenticated requests costs a map lookup each, not a signature check.
 */
final class AnonymousRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final Problems problems;

    AnonymousRateLimitFilter(RateLimiter limiter, RateLimitSettings settings, Problems problems) {
        this.limiter = limiter;
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return bearer || !(path.startsWith("/v1/") || path.startsWith("/dev/") || path.startsWith("/acks/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimitDecision decision = limiter.tryAcquire("ip:" + request.getRemoteAddr(), settings.anonymousPolicy());
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            problems.write(
                    request,
                    response,
                    ProblemType.RATE_LIMITED,
                    "too many unauthenticated requests from this address; retry after " + decision.retryAfterSeconds()
                            + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
