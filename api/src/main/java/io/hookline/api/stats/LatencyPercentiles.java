package io.hookline.api.stats;

import io.hookline.domain.delivery.LatencyHistogram;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(
        description = "Percentiles of the attempts' durations in whole milliseconds (nearest rank, read from a"
                + " log-scale histogram: within 9.1 % + 0.5 ms of the exact value); null when there were no"
                + " attempts")
public record LatencyPercentiles(
        @Schema(nullable = true, example = "12") @Nullable Long p50,
        @Schema(nullable = true, example = "40") @Nullable Long p95,
        @Schema(nullable = true, example = "80") @Nullable Long p99) {

    static LatencyPercentiles of(LatencyHistogram latency) {
        return new LatencyPercentiles(latency.percentile(50), latency.percentile(95), latency.percentile(99));
    }
}
