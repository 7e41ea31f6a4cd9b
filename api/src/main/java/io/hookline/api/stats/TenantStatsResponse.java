package io.hookline.api.stats;

import io.hookline.delivery.stats.StatsReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

@Schema(description = "The delivery statistics of all the tenant's webhooks over a window")
public record TenantStatsResponse(
        @Schema(allowableValues = {"24h", "7d", "30d"}) String window,

        @Schema(
                description = "hour for 24h, day (UTC) for 7d and 30d",
                allowableValues = {"hour", "day"})
        String bucket,

        @Schema(description = "Start of the first bucket", example = "2026-12-01T10:00:00Z")
        OffsetDateTime from,

        @Schema(
                description = "End of the last bucket (exclusive): the end of the current hour or day",
                example = "2026-12-02T10:00:00Z")
        OffsetDateTime until,

        Stats totals,

        @Schema(description = "Every bucket of the window, oldest first, empty ones included (24, 7 or 30)")
        List<StatsBucket> buckets) {

    static TenantStatsResponse of(StatsReport report) {
        return new TenantStatsResponse(
                report.window().literal(),
                report.window().bucketName(),
                report.from(),
                report.until(),
                Stats.of(report.totals()),
                report.buckets().stream().map(StatsBucket::of).toList());
    }
}
