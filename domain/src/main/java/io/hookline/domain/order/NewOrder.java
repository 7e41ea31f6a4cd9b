package io.hookline.domain.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What placing an order asks for. Nullable fields are reported as field errors when required. */
public record NewOrder(
        @Nullable String customerId,
        @Nullable List<Line> items,
        @Nullable String siteId,
        @Nullable Boolean requiresApproval,
        @Nullable String reference) {

    public record Line(@Nullable String itemId, @Nullable Integer quantity) {}
}
