package io.hookline.api.item;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.item.ItemChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of an item: fields left out keep their value")
public record UpdateItemRequest(
        @Size(min = 1, max = 64) @Nullable String code,
        @Size(min = 1, max = 200) @Nullable String name,
        @Size(max = 2000) @Nullable String description,
        @Nullable Money price,

        @Schema(maximum = "2147483647") @PositiveOrZero @Nullable
        Integer stock,

        @Schema(maximum = "2147483647") @PositiveOrZero @Nullable
        Integer lowStockThreshold) {

    ItemChanges toChanges() {
        return new ItemChanges(code, name, description, price, stock, lowStockThreshold);
    }
}
