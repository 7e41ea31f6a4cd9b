package io.hookline.api.delivery;

import io.hookline.delivery.log.AttemptView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(name = "DeliveryAttempt", description = "One attempt: what was sent (secrets masked) and what came back")
public record DeliveryAttemptResponse(
        @Schema(example = "att_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        int number,
        OffsetDateTime startedAt,
        int durationMs,
        Map<String, String> requestHeaders,
        String requestBody,

        @Schema(nullable = true, description = "null when no response came") @Nullable
        Integer responseStatus,

        @Schema(nullable = true) @Nullable Map<String, String> responseHeaders,

        @Schema(nullable = true, description = "The first 4 KiB") @Nullable
        String responseBody,

        @Schema(nullable = true, description = "The receiver's JSON reason") @Nullable
        String reason,

        @Schema(nullable = true, description = "Why no response came (timeout, refused, …)") @Nullable
        String error) {

    static DeliveryAttemptResponse of(AttemptView a) {
        return new DeliveryAttemptResponse(
                a.id(),
                a.number(),
                a.startedAt(),
                a.durationMs(),
                a.requestHeaders(),
                a.requestBody(),
                a.responseStatus(),
                a.responseHeaders(),
                a.responseBody(),
                a.reason(),
                a.error());
    }
}
