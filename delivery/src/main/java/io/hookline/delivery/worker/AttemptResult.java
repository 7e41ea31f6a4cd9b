package io.hookline.delivery.worker;

import org.jspecify.annotations.Nullable;

/** What one attempt came to, as the test endpoint reports it. */
public record AttemptResult(
        boolean succeeded,
        @Nullable Integer statusCode,
        long durationMs,
        @Nullable String error) {}
