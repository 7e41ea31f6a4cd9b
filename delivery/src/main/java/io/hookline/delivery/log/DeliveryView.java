package io.hookline.delivery.log;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as the log shows it; {@code attempts} only when one delivery is read.
 * {@code lastResponseStatus} is the HTTP status of its latest attempt (null before the first
 * attempt or when no response came).
 */
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
        @Nullable Integer lastResponseStatus,
        @Nullable List<AttemptView> attempts) {}
