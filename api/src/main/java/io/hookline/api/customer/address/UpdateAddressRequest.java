package io.hookline.api.customer.address;

import io.hookline.domain.customer.address.AddressChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of an address: fields left out keep their value")
public record UpdateAddressRequest(
        @Size(min = 1, max = 64) @Nullable String code,

        @Schema(
                allowableValues = {"billing", "shipping", "other"},
                nullable = true)
        @Nullable
        String type,

        @Size(min = 1, max = 200) @Nullable String line1,
        @Size(min = 1, max = 200) @Nullable String line2,
        @Size(min = 1, max = 32) @Nullable String postalCode,
        @Size(min = 1, max = 100) @Nullable String city,
        @Size(min = 1, max = 100) @Nullable String region,

        @Schema(
                description = "ISO 3166-1 alpha-2 country code, upper case",
                nullable = true,
                maxLength = 2,
                pattern = "^[A-Z]{2}$")
        @Nullable
        String country) {

    AddressChanges toChanges() {
        return new AddressChanges(code, type, line1, line2, postalCode, city, region, country);
    }
}
