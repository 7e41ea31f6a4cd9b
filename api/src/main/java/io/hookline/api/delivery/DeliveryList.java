package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of deliveries, newest first")
public record DeliveryList(
        List<DeliveryResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor) {}
