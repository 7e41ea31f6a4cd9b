package io.hookline.api.pricelist;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of price lists in (updatedAt, id) order")
public record PriceListList(
        List<PriceListResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor) {}
