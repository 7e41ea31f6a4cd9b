package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

@Schema(description = "Re-queue every failed delivery of the webhook created since this time")
public record RecoverRequest(
        @Schema(example = "2026-11-24T00:00:00Z") @NotNull OffsetDateTime since) {}
