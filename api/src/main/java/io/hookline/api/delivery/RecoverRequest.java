package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "Re-queue every failed delivery of the webhook created since this time")
public record RecoverRequest(
        @Schema(example = "2026-11-24T00:00:00Z", maxLength = 64) @NotNull
        OffsetDateTime since,

        @Schema(
                description = "true: only count what would be queued again (answers 200 and changes nothing);"
                        + " false or absent: queue them (202)",
                nullable = true)
        @Nullable
        Boolean dryRun) {}
