package io.hookline.domain.pricelist;

import org.jspecify.annotations.Nullable;

/** Fields to create a price list with, or to change (null = keep). */
public record PriceListChanges(
        @Nullable String code,
        @Nullable String name,
        @Nullable String currency) {}
