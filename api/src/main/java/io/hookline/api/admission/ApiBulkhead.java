package io.hookline.api.admission;

import io.hookline.api.problem.ProblemType;
import io.hookline.api.problem.Problems;
import io.hookline.api.security.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code hookline.api.max-concurrent-requests} {@code /v1} requests run at once;
 * the rest wait their turn (virtual threads make waiting cheap), and one that waited
 * {@code queue-timeout} is answered 503 with {@code Retry-After}. With virtual threads Tomcat
 * accepts any number of requests, and each would take a pooled database connection and a share
 * of the processors: 64 clients publishing took every connection and left the delivery worker
 * waiting seconds for one (62 deliveries/s while 2,000 events/s were accepted). Bounding the API
 * leaves the worker its connections and its share of the processors. It runs before
 * authentication, so it bounds the cost of verifying tokens too; acknowledgement links, the
 * portal's files and the actuator are not counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
@EnableConfigurationProperties(AdmissionProperties.class)
public class ApiBulkhead extends OncePerRequestFilter {

    private final Semaphore permits;
    private final AdmissionProperties properties;
    private final Problems problems;

    ApiBulkhead(AdmissionProperties properties, Problems problems) {
        this.permits = new Semaphore(properties.maxConcurrentRequests(), true);
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the same normalised path the security decisions use, so an encoded spelling is counted too
        return !RequestPaths.of(request).startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(properties.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            problems.write(
                    request,
                    response,
                    ProblemType.SERVICE_UNAVAILABLE,
                    "the node is at capacity; retry after a second");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
