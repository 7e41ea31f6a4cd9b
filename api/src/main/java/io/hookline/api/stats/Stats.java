package io.hookline.api.stats;

import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.delivery.DeliveryCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "What the attempts and deliveries of a window or bucket came to")
public record Stats(
        @Schema(description = "Every attempt made (test sends included)", example = "12")
        long attempts,

        @Schema(description = "Attempts answered 2xx within the timeout", example = "10")
        long succeeded,

        FailedAttempts failed,

        @Schema(description = "Deliveries that reached succeeded", example = "9")
        long deliveriesSucceeded,

        @Schema(description = "Deliveries that reached failed (their attempts used up, or 410 Gone)", example = "1")
        long deliveriesFailed,

        @Schema(
                nullable = true,
                description = "succeeded / attempts, rounded to 4 decimals; null when there were no attempts",
                example = "0.8333")
        @Nullable
        Double successRate,

        LatencyPercentiles latencyMs) {

    static Stats of(DeliveryCounts counts) {
        return new Stats(
                counts.attempts(),
                counts.attempts(AttemptClass.SUCCEEDED),
                FailedAttempts.of(counts),
                counts.deliveriesSucceeded(),
                counts.deliveriesFailed(),
                counts.successRate(),
                LatencyPercentiles.of(counts.latency()));
    }
}
