package io.hookline.api.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hookline.delivery.stats.StatsReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** A bucket is its start and the figures of {@link Stats}, side by side in one object. */
@Schema(description = "One hour or UTC day of the window, with the same figures as the totals")
public record StatsBucket(
        @Schema(
                description = "When the bucket begins (it ends where the next begins)",
                example = "2026-12-01T10:00:00Z")
        OffsetDateTime start,

        @JsonUnwrapped Stats stats) {

    static StatsBucket of(StatsReport.Bucket bucket) {
        return new StatsBucket(bucket.start(), Stats.of(bucket.counts()));
    }
}
