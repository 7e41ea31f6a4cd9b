package io.hookline.domain.delivery;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Where one attempt leaves its delivery: applied only while {@code leaseToken} is still the
 * delivery's (no other worker took it over). A {@code released} attempt was cut short by the
 * node's shutdown: it gives its attempt back ({@code attempt_count} goes down by one).
 */
public record Settlement(
        String deliveryId,
        long leaseToken,
        DeliveryStatus status,
        @Nullable OffsetDateTime nextAttemptAt,
        boolean released) {}
