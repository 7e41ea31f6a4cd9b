package io.hookline.api.pricelist;

import io.hookline.domain.pricelist.PriceListChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of a price list: fields left out keep their value")
public record UpdatePriceListRequest(
        @Size(min = 1, max = 64) @Nullable String code,
        @Size(min = 1, max = 200) @Nullable String name,

        @Schema(description = "ISO 4217 currency", example = "EUR", maxLength = 3, pattern = "^[A-Z]{3}$") @Nullable
        String currency) {

    PriceListChanges toChanges() {
        return new PriceListChanges(code, name, currency);
    }
}
