package io.hookline.delivery.log;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A delivery as the log shows it; {@code attempts} only when one delivery is read. */
public record DeliveryView(
        String id,
        String webhookId,
        String eventId,
        String eventType,
        String status,
        int attemptCount,
        @Nullable OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable List<AttemptView> attempts) {}
