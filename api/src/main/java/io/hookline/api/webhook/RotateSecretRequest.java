package io.hookline.api.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

@Schema(description = "How long the old secret keeps signing deliveries beside the new one")
public record RotateSecretRequest(
        @Schema(
                defaultValue = "86400",
                minimum = "0",
                maximum = "604800",
                description = "0 = reset now, old secret dropped")
        @Min(0)
        @Max(604800)
        @Nullable
        Integer graceSeconds) {}
