package io.hookline.api.security;

import io.hookline.api.problem.ProblemType;
import io.hookline.api.problem.Problems;
import io.hookline.tenancy.ratelimit.RateLimitDecision;
import io.hookline.tenancy.ratelimit.RateLimitPolicy;
import io.hookline.tenancy.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-address budget of callers the API does not know. Spent once per request, by every
 * unauthenticated outcome: up front, before any token is parsed, for a call that carries no
 * bearer token (a flood costs a map lookup each, not a signature check); and by the
 * authentication entry point when a token was sent but refused (malformed, expired, foreign) —
 * so {@code Authorization: Bearer junk} is no way around the limit. Acknowledgement links
 * ({@code /acks/…}) are capability URLs receivers call without a token, in bursts as large as
 * their deliveries: they spend a separate, larger budget, token or not. Whatever budget a
 * request spends, its response shows it in {@code RateLimit} and {@code RateLimit-Policy}.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()} as the server resolved it: a
 * client's {@code X-Forwarded-For} counts only when {@code server.forward-headers-strategy}
 * tells the server to trust its proxy, never because this filter read the header.
 */
final class AnonymousRateLimitFilter extends OncePerRequestFilter {

    private static final String CHARGED = AnonymousRateLimitFilter.class.getName() + ".charged";

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final Problems problems;

    AnonymousRateLimitFilter(RateLimiter limiter, RateLimitSettings settings, Problems problems) {
        this.limiter = limiter;
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.of(request);
        boolean proceed = true;
        if (path.startsWith("/acks/")) {
            proceed = spend(request, response, "ack:", settings.acknowledgementPolicy());
        } else if (!hasBearerToken(request) && (path.startsWith("/v1/") || path.startsWith("/dev/"))) {
            proceed = spend(request, response, "ip:", settings.anonymousPolicy());
        }
        if (proceed) {
            chain.doFilter(request, response);
        }
    }

    /**
     * For a request authentication refused: spends the anonymous budget unless this request
     * already did. Returns {@code false} after answering {@code 429} when the budget is spent,
     * {@code true} when the caller should answer its {@code 401}.
     */
    boolean spendForRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(CHARGED) != null) {
            return true;
        }
        return spend(request, response, "ip:", settings.anonymousPolicy());
    }

    private boolean spend(
            HttpServletRequest request, HttpServletResponse response, String bucket, RateLimitPolicy policy)
            throws IOException {
        request.setAttribute(CHARGED, Boolean.TRUE);
        RateLimitDecision decision = limiter.tryAcquire(bucket + request.getRemoteAddr(), policy);
        // the budget this request spent, as a tenant's calls show theirs (openapi.yaml, RateLimit)
        response.setHeader("RateLimit-Policy", decision.policyHeader());
        response.setHeader("RateLimit", decision.rateLimitHeader());
        if (decision.allowed()) {
            return true;
        }
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        problems.write(
                request,
                response,
                ProblemType.RATE_LIMITED,
                "too many unauthenticated requests from this address; retry after " + decision.retryAfterSeconds()
                        + " s");
        return false;
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
