package io.hookline.api.stats;

import io.hookline.delivery.stats.StatsReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

@Schema(description = "A webhook's delivery statistics over a window")
public record WebhookStatsResponse(
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

        @Schema(example = "wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String webhookId,
        Stats totals,

        @Schema(description = "Every bucket of the window, oldest first, empty ones included (24, 7 or 30)")
        List<StatsBucket> buckets) {

    static WebhookStatsResponse of(StatsReport report) {
        return new WebhookStatsResponse(
                report.window().literal(),
                report.window().bucketName(),
                report.from(),
                report.until(),
                Objects.requireNonNull(report.webhookId()),
                Stats.of(report.totals()),
                report.buckets().stream().map(StatsBucket::of).toList());
    }
}
