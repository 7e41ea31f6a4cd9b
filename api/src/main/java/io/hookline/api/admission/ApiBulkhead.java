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
 * leaves the worker its connections and its share of the processors. Batch publishes ({@code
 * POST /v1/events/batch}, up to 100 events each) also take a turn of their own, at most {@code
 * max-concurrent-batches} at once, so a flood of batches leaves the worker its share of the
 * database too. It runs before authentication, so it bounds the cost of verifying tokens too;
 * acknowledgement links, the portal's files and the actuator are not counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
@EnableConfigurationProperties(AdmissionProperties.class)
public class ApiBulkhead extends OncePerRequestFilter {

    private static final String BATCH_PATH = "/v1/events/batch";

    private final Semaphore permits;
    private final Semaphore batchPermits;
    private final AdmissionProperties properties;
    private final Problems problems;

    ApiBulkhead(AdmissionProperties properties, Problems problems) {
        this.permits = new Semaphore(properties.maxConcurrentRequests(), true);
        this.batchPermits = new Semaphore(properties.maxConcurrentBatches(), true);
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
        long deadline = System.nanoTime() + properties.queueTimeout().toNanos();
        Semaphore batch =
                "POST".equals(request.getMethod()) && RequestPaths.of(request).equals(BATCH_PATH) ? batchPermits : null;
        if (batch != null && !acquire(batch, deadline)) {
            refuse(request, response);
            return;
        }
        try {
            if (!acquire(permits, deadline)) {
                refuse(request, response);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                permits.release();
            }
        } finally {
            if (batch != null) {
                batch.release();
            }
        }
    }

    private static boolean acquire(Semaphore semaphore, long deadline) {
        try {
            return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(
                request, response, ProblemType.SERVICE_UNAVAILABLE, "the node is at capacity; retry after a second");
    }
}
