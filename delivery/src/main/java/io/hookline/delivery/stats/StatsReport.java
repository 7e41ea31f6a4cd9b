package io.hookline.delivery.stats;

import io.hookline.domain.delivery.DeliveryCounts;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statistics of a window: its totals and its buckets, oldest first, one per hour or day
 * from {@code from} (inclusive) to {@code until} (exclusive), empty ones included.
 * {@code webhookId} is the webhook's, or null for the whole tenant.
 */
public record StatsReport(
        StatsWindow window,
        OffsetDateTime from,
        OffsetDateTime until,
        @Nullable String webhookId,
        DeliveryCounts totals,
        List<Bucket> buckets) {

    /** One hour or day of the window. */
    public record Bucket(OffsetDateTime start, DeliveryCounts counts) {}
}
