package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "What the test delivery's attempt came to; the response body is not echoed")
public record TestResponse(
        boolean succeeded,

        @Schema(nullable = true, description = "null when no response came") @Nullable
        Integer statusCode,

        long durationMs,
        @Schema(nullable = true) @Nullable String error) {}
