package io.hookline.delivery.log;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One attempt: what was sent (secrets masked) and what came back (body: first 4 KiB). */
public record AttemptView(
        String id,
        int number,
        OffsetDateTime startedAt,
        int durationMs,
        Map<String, String> requestHeaders,
        String requestBody,
        @Nullable Integer responseStatus,
        @Nullable Map<String, String> responseHeaders,
        @Nullable String responseBody,
        @Nullable String reason,
        @Nullable String error) {}
