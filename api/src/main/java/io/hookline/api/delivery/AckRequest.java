package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "The receiver's final word on a delivery it answered with 202")
public record AckRequest(
        @Schema(allowableValues = {"done", "failed"})
        @NotNull
        @Pattern(regexp = "done|failed", message = "must be done or failed")
        String status,

        @Schema(nullable = true) @Size(max = 1000) @Nullable String reason) {}
