package io.hookline.api.page;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list and the cursor of the next page (null on the last). */
public record PageResponse<T>(
        List<T> data,

        @Schema(description = "Opaque cursor of the next page; null when this is the last page", nullable = true)
        @Nullable
        String nextCursor) {}
