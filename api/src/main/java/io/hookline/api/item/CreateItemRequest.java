package io.hookline.api.item;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.item.ItemChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new item; code is unique within the tenant. Leave stock out to not track it.")
public record CreateItemRequest(
        @Schema(example = "BC-500") @NotBlank @Size(max = 64)
        String code,

        @Schema(example = "Business cards, 500 pcs") @NotBlank @Size(max = 200)
        String name,

        @Schema(nullable = true) @Size(max = 2000) @Nullable String description,

        @NotNull Money price,

        @Schema(example = "120", nullable = true, maximum = "2147483647") @PositiveOrZero @Nullable
        Integer stock,

        @Schema(
                example = "25",
                nullable = true,
                description = "inventory.low fires when an update takes stock below this",
                maximum = "2147483647")
        @PositiveOrZero
        @Nullable
        Integer lowStockThreshold) {

    ItemChanges toChanges() {
        return new ItemChanges(code, name, description, price, stock, lowStockThreshold);
    }
}
