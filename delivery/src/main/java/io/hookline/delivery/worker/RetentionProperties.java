package io.hookline.delivery.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.retention.*}: how long the log is kept. A delivery that is not final
 * (pending, delivering, waiting) is kept whatever its age, and so is its event, unless its
 * webhook is gone (one a publish left behind while the webhook was being deleted).
 *
 * @param events how long events are kept after they were created (longer while a delivery of theirs is kept)
 * @param deliveries how long final deliveries (succeeded, failed) are kept after they were created; their attempts go with them
 * @param attempts how long attempt logs are kept after they started
 * @param idempotencyKeys how long an {@code Idempotency-Key} is remembered after its first use
 *     (it answers for 24 hours either way)
 * @param stats how long the hourly delivery statistics are kept after their hour began (the
 *     longest window served is 30 days)
 * @param interval how often a node removes what is past its time
 * @param batchSize rows removed per statement, so no statement holds locks or bloats the WAL for long
 */
@ConfigurationProperties("hookline.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration events,
        @DefaultValue("30d") Duration deliveries,
        @DefaultValue("30d") Duration attempts,
        @DefaultValue("30d") Duration idempotencyKeys,
        @DefaultValue("31d") Duration stats,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("5000") int batchSize) {}
