package io.hookline.api.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.api.*}.
 *
 * @param maxConcurrentRequests {@code /v1} requests a node works on at once; keep it below the
 *     database pool ({@code spring.datasource.hikari.maximum-pool-size}, 20) so the delivery
 *     worker always finds connections (it needs a handful: claim, settle, sweep, listen)
 * @param maxConcurrentBatches of those, {@code POST /v1/events/batch} calls at once: each writes up
 *     to 100 events in one transaction, and a dozen of them keep a dozen database sessions busy
 *     while the delivery worker has two or three, so under a flood of batches the worker got a
 *     small share of the database's processors and fell behind (see docs/performance.md)
 * @param queueTimeout how long a request may wait for its turn before it is answered 503 with
 *     {@code Retry-After}
 */
@ConfigurationProperties("hookline.api")
public record AdmissionProperties(
        @DefaultValue("12") int maxConcurrentRequests,
        @DefaultValue("4") int maxConcurrentBatches,
        @DefaultValue("10s") Duration queueTimeout) {}
