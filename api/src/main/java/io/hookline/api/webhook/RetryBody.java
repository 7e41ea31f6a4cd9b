package io.hookline.api.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

@Schema(
        name = "WebhookRetry",
        description = "Whether failed deliveries are retried, and how many attempts a delivery gets in all")
public record RetryBody(
        @Schema(example = "true") @Nullable Boolean enabled,

        @Schema(example = "8", minimum = "1", maximum = "10") @Min(1) @Max(10) @Nullable
        Integer maxAttempts) {}
