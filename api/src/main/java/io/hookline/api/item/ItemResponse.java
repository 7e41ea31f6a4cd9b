package io.hookline.api.item;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.item.Item;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "An item")
public record ItemResponse(
        @Schema(example = "itm_01JD3Q7ZK8M5W2X9R4T6Y1B0J1") String id,
        @Schema(example = "BC-500") String code,
        String name,
        @Schema(nullable = true) @Nullable String description,
        Money price,

        @Schema(nullable = true, description = "null when stock is not tracked") @Nullable
        Integer stock,

        @Schema(nullable = true) @Nullable Integer lowStockThreshold,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static ItemResponse of(Item item) {
        return new ItemResponse(
                item.id(),
                item.code(),
                item.name(),
                item.description(),
                item.price(),
                item.stock(),
                item.lowStockThreshold(),
                item.createdAt(),
                item.updatedAt());
    }
}
