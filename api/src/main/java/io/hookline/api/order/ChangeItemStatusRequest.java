package io.hookline.api.order;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(description = "The status an order line moves to")
public record ChangeItemStatusRequest(
        @Schema(
                example = "in_production",
                allowableValues = {"approved", "denied", "in_production", "files_generated", "ready", "completed"})
        @NotNull
        String status) {}
