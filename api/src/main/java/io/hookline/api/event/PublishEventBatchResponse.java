package io.hookline.api.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

@Schema(description = "One result per event of the request, in the same order")
public record PublishEventBatchResponse(List<Result> results) {

    @Schema(name = "PublishEventBatchResult", description = "What became of one event of the batch")
    public record Result(
            @Schema(description = "Position of the event in the request, from 0")
            int index,

            @Schema(
                    description = "What POST /v1/events would have answered for this event alone: 202 new"
                            + " event, 200 the first event of its idempotencyKey, 422 refused (see problem)",
                    allowableValues = {"200", "202", "422"})
            int status,

            @Schema(example = "evt_01JD3Q7ZK8M5W2X9R4T6Y1B0NC", nullable = true, description = "null when refused")
            @Nullable
            String id,

            @Schema(nullable = true, description = "Why the event was refused (RFC 9457); null when published")
            @Nullable
            ProblemDetail problem) {}
}
