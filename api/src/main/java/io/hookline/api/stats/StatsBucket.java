package io.hookline.api.stats;

import io.hookline.delivery.stats.StatsReport;
import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.delivery.DeliveryCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "One hour or UTC day of the window, with the same figures as the totals")
public record StatsBucket(
        @Schema(
                description = "When the bucket begins (it ends where the next begins)",
                example = "2026-12-01T10:00:00Z")
        OffsetDateTime start,

        @Schema(example = "12") long attempts,
        @Schema(example = "10") long succeeded,
        FailedAttempts failed,
        @Schema(example = "9") long deliveriesSucceeded,
        @Schema(example = "1") long deliveriesFailed,

        @Schema(nullable = true, example = "0.8333") @Nullable
        Double successRate,

        LatencyPercentiles latencyMs) {

    static StatsBucket of(StatsReport.Bucket bucket) {
        DeliveryCounts counts = bucket.counts();
        return new StatsBucket(
                bucket.start(),
                counts.attempts(),
                counts.attempts(AttemptClass.SUCCEEDED),
                FailedAttempts.of(counts),
                counts.deliveriesSucceeded(),
                counts.deliveriesFailed(),
                counts.successRate(),
                LatencyPercentiles.of(counts.latency()));
    }
}
