package io.hookline.api.customer.address;

import io.hookline.domain.customer.address.Address;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "An address of a customer")
public record AddressResponse(
        @Schema(example = "adr_01JD3Q7ZK8M5W2X9R4T6Y1B0A1") String id,
        @Schema(example = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1") String customerId,
        @Schema(example = "SHIP-1") String code,

        @Schema(allowableValues = {"billing", "shipping", "other"})
        String type,

        String line1,
        @Schema(nullable = true) @Nullable String line2,
        String postalCode,
        String city,
        @Schema(nullable = true) @Nullable String region,
        @Schema(example = "NL") String country,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static AddressResponse of(Address address) {
        return new AddressResponse(
                address.id(),
                address.customerId(),
                address.code(),
                address.type(),
                address.line1(),
                address.line2(),
                address.postalCode(),
                address.city(),
                address.region(),
                address.country(),
                address.createdAt(),
                address.updatedAt());
    }
}
