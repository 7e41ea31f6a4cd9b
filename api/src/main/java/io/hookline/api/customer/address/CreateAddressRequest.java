package io.hookline.api.customer.address;

import io.hookline.domain.customer.address.AddressChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new address of a customer; code is unique within the customer")
public record CreateAddressRequest(
        @Schema(example = "SHIP-1") @NotBlank @Size(max = 64)
        String code,

        @Schema(
                description = "What the address is for; other when left out",
                allowableValues = {"billing", "shipping", "other"},
                example = "shipping",
                nullable = true)
        @Nullable
        String type,

        @Schema(example = "Keizersgracht 123") @NotBlank @Size(max = 200)
        String line1,

        @Schema(example = "3rd floor", nullable = true) @Size(max = 200) @Nullable
        String line2,

        @Schema(example = "1015 CJ") @NotBlank @Size(max = 32)
        String postalCode,

        @Schema(example = "Amsterdam") @NotBlank @Size(max = 100)
        String city,

        @Schema(description = "State, province or county", example = "Noord-Holland", nullable = true)
        @Size(max = 100)
        @Nullable
        String region,

        @Schema(
                description = "ISO 3166-1 alpha-2 country code, upper case",
                example = "NL",
                maxLength = 2,
                pattern = "^[A-Z]{2}$")
        @NotBlank
        String country) {

    AddressChanges toChanges() {
        return new AddressChanges(code, type, line1, line2, postalCode, city, region, country);
    }
}
