package io.hookline.api.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "Which notifications the caller has read")
public record MarkReadRequest(
        @Schema(
                description = "Every notification up to and including this one; left out: all of them",
                example = "ntf_01JD3Q7ZK8M5W2X9R4T6Y1B0NC",
                nullable = true,
                maxLength = 30)
        @Nullable
        String upTo) {}
