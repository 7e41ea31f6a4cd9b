package io.hookline.api.customer.address;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of a customer's addresses in (updatedAt, id) order")
public record AddressList(
        List<AddressResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor) {}
