package io.hookline.domain.delivery;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** One line of a delivery's attempt log; headers are JSON objects, already masked. */
public record AttemptRecord(
        String id,
        String tenantId,
        String deliveryId,
        int number,
        OffsetDateTime startedAt,
        int durationMillis,
        String requestHeadersJson,
        @Nullable Integer responseStatus,
        @Nullable String responseHeadersJson,
        @Nullable String responseBody,
        @Nullable String reason,
        @Nullable String error) {}
