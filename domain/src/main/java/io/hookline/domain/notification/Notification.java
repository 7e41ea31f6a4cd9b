package io.hookline.domain.notification;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One notice as a caller reads it: what happened to which webhook (its name as it was), how
 * often within the notice's window, whether this caller has read it, and where its e-mail is
 * ({@code pending}, {@code sent}, {@code none}: no address or mail off, {@code failed}: given up).
 */
public record Notification(
        String id,
        NotificationKind kind,
        String webhookId,
        String webhookName,
        String detail,
        @Nullable String deliveryId,
        int occurrences,
        OffsetDateTime createdAt,
        OffsetDateTime lastOccurredAt,
        boolean read,
        String emailStatus,
        @Nullable OffsetDateTime emailedAt) {}
