package io.hookline.domain.item;

import io.hookline.domain.commerce.Money;
import org.jspecify.annotations.Nullable;

/** Fields to create an item with, or to change (null = keep). */
public record ItemChanges(
        @Nullable String code,
        @Nullable String name,
        @Nullable String description,
        @Nullable Money price,
        @Nullable Integer stock,
        @Nullable Integer lowStockThreshold) {}
