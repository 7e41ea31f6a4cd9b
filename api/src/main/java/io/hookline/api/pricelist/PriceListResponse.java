package io.hookline.api.pricelist;

import io.hookline.domain.pricelist.PriceList;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

@Schema(description = "A price list")
public record PriceListResponse(
        @Schema(example = "prl_01JD3Q7ZK8M5W2X9R4T6Y1B0M1") String id,
        @Schema(example = "RESELLER-EUR") String code,
        @Schema(example = "Reseller prices") String name,
        @Schema(example = "EUR") String currency,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static PriceListResponse of(PriceList priceList) {
        return new PriceListResponse(
                priceList.id(),
                priceList.code(),
                priceList.name(),
                priceList.currency(),
                priceList.createdAt(),
                priceList.updatedAt());
    }
}
