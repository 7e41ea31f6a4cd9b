package io.hookline.api.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.delivery.log.DeliveryView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "One event for one webhook; attempts only when a single delivery is read")
public record DeliveryResponse(
        @Schema(example = "dlv_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        String webhookId,
        String eventId,
        @Schema(example = "order.placed") String eventType,

        @Schema(allowableValues = {"pending", "delivering", "waiting", "succeeded", "failed"})
        String status,

        int attemptCount,
        @Schema(nullable = true) @Nullable OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,

        @Schema(
                nullable = true,
                description = "HTTP status of the latest attempt; null before the first attempt or when no response"
                        + " came")
        @Nullable
        Integer lastResponseStatus,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<DeliveryAttemptResponse> attempts) {

    static DeliveryResponse of(DeliveryView view) {
        return new DeliveryResponse(
                view.id(),
                view.webhookId(),
                view.eventId(),
                view.eventType(),
                view.status(),
                view.attemptCount(),
                view.nextAttemptAt(),
                view.createdAt(),
                view.updatedAt(),
                view.lastResponseStatus(),
                view.attempts() == null
                        ? null
                        : view.attempts().stream()
                                .map(DeliveryAttemptResponse::of)
                                .toList());
    }
}
