package io.hookline.domain.pricelist;

import java.time.OffsetDateTime;

/** A price list as the API returns it (and as its events carry it). */
public record PriceList(
        String id, String code, String name, String currency, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
