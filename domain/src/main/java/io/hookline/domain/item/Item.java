package io.hookline.domain.item;

import io.hookline.domain.commerce.Money;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An item as the API returns it (and as its events carry it). Stock is null when not tracked. */
public record Item(
        String id,
        String code,
        String name,
        @Nullable String description,
        Money price,
        @Nullable Integer stock,
        @Nullable Integer lowStockThreshold,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Whether stock is tracked, has a threshold, and is below it. */
    public boolean low() {
        return stock != null && lowStockThreshold != null && stock < lowStockThreshold;
    }
}
