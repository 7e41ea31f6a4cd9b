package io.hookline.api.notification;

import io.hookline.domain.notification.Notification;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "What a person is told about one of the tenant's webhooks")
public record NotificationResponse(
        @Schema(example = "ntf_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,

        @Schema(
                description = "What happened: named after the operational event of the same change",
                allowableValues = {"webhook.disabled", "delivery.exhausted", "webhook.recovered"})
        String type,

        String webhookId,

        @Schema(description = "The webhook's name when this happened")
        String webhookName,

        @Schema(description = "One sentence for a person") String detail,

        @Schema(description = "The (first) delivery that failed for good, for delivery.exhausted", nullable = true)
        @Nullable
        String deliveryId,

        @Schema(
                description = "How often this happened to the webhook since createdAt (one notice per webhook and"
                        + " type per hour; later ones are counted here)")
        int occurrences,

        OffsetDateTime createdAt,
        OffsetDateTime lastOccurredAt,

        @Schema(description = "Whether the caller (the token's subject) has marked it read")
        boolean read,

        @Schema(
                description = "The e-mail: pending (to be sent, or retried while the mail server is down),"
                        + " sent, none (no notificationEmails, or e-mail is off on the server), failed (given"
                        + " up)",
                allowableValues = {"pending", "sent", "none", "failed"})
        String emailStatus,

        @Schema(nullable = true) @Nullable OffsetDateTime emailedAt) {

    static NotificationResponse of(Notification n) {
        return new NotificationResponse(
                n.id(),
                n.kind().literal(),
                n.webhookId(),
                n.webhookName(),
                n.detail(),
                n.deliveryId(),
                n.occurrences(),
                n.createdAt(),
                n.lastOccurredAt(),
                n.read(),
                n.emailStatus(),
                n.emailedAt());
    }
}
