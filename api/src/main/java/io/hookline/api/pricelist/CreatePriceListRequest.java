package io.hookline.api.pricelist;

import io.hookline.domain.pricelist.PriceListChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(description = "A new price list; code is unique within the tenant")
public record CreatePriceListRequest(
        @Schema(example = "RESELLER-EUR") @NotBlank @Size(max = 64)
        String code,

        @Schema(example = "Reseller prices") @NotBlank @Size(max = 200)
        String name,

        @Schema(
                description = "ISO 4217 currency of every price in the list",
                example = "EUR",
                maxLength = 3,
                pattern = "^[A-Z]{3}$")
        @NotNull
        String currency) {

    PriceListChanges toChanges() {
        return new PriceListChanges(code, name, currency);
    }
}
