package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "How many failed deliveries were queued again, or would be in a dry run")
public record RecoverResponse(
        int recovered,

        @Schema(description = "true when nothing was queued: the count of a dry run")
        boolean dryRun) {}
