package io.hookline.api.security;

import io.hookline.api.problem.ProblemType;
import io.hookline.api.problem.Problems;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import io.hookline.tenancy.ratelimit.RateLimitDecision;
import io.hookline.tenancy.ratelimit.RateLimitPolicy;
import io.hookline.tenancy.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For an authenticated {@code /v1/**} call: requires {@code X-Tenant-ID} (except on the
 * platform-level {@code /v1/tenants}), checks it against the token's {@code tenants} claim and
 * the registry, spends one token of that tenant's rate limit, and binds the caller for the
 * rest of the request — so every transaction it opens is scoped to that tenant.
 */
final class TenantScopeFilter extends OncePerRequestFilter {

    static final String TENANT_HEADER = "X-Tenant-ID";

    private final TenantRegistry tenants;
    private final RateLimiter limiter;
    private final Problems problems;

    TenantScopeFilter(TenantRegistry tenants, RateLimiter limiter, Problems problems) {
        this.tenants = tenants;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = RequestPaths.of(request);
        if (!(authentication instanceof JwtAuthenticationToken token) || !path.startsWith("/v1/")) {
            chain.doFilter(request, response);
            return;
        }
        String subject = token.getToken().getSubject() == null
                ? "unknown"
                : token.getToken().getSubject();
        if (RequestPaths.isPlatformLevel(path)) {
            try (var scope = CallerContext.bind(new CallerContext.Caller(subject, null))) {
                chain.doFilter(request, response);
            }
            return;
        }
        String header = request.getHeader(TENANT_HEADER);
        if (header == null || header.isBlank()) {
            problems.write(
                    request,
                    response,
                    ProblemType.TENANT_REQUIRED,
                    "send the tenant this call acts for in the X-Tenant-ID header (ten_…)");
            return;
        }
        TenantId tenantId = TenantId.parse(header.trim());
        if (tenantId == null) {
            problems.write(
                    request,
                    response,
                    ProblemType.INVALID_REQUEST,
                    "X-Tenant-ID must be a tenant id: ten_ followed by 26 characters");
            return;
        }
        List<String> allowed = token.getToken().getClaimAsStringList("tenants");
        Optional<Tenant> tenant =
                allowed != null && allowed.contains(tenantId.value()) ? tenants.lookup(tenantId) : Optional.empty();
        if (tenant.isEmpty()) {
            problems.write(
                    request,
                    response,
                    ProblemType.TENANT_FORBIDDEN,
                    "the token's tenants claim does not include " + tenantId.value());
            return;
        }
        Tenant.RateLimit limit = tenant.get().rateLimit();
        RateLimitDecision decision = limiter.tryAcquire(
                "tenant:" + tenantId.value(),
                new RateLimitPolicy(
                        limit.limit(),
                        Duration.ofSeconds(limit.windowSeconds()),
                        Duration.ofSeconds(limit.cooldownSeconds())));
        response.setHeader("RateLimit-Policy", decision.policyHeader());
        response.setHeader("RateLimit", decision.rateLimitHeader());
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            problems.write(
                    request,
                    response,
                    ProblemType.RATE_LIMITED,
                    "this tenant may make " + limit.limit() + " requests per " + limit.windowSeconds()
                            + " s; retry after " + decision.retryAfterSeconds() + " s");
            return;
        }
        try (var scope = CallerContext.bind(new CallerContext.Caller(subject, tenantId))) {
            chain.doFilter(request, response);
        }
    }
}
