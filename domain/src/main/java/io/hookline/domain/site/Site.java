package io.hookline.domain.site;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A site as the API returns it (and as its events carry it). */
public record Site(
        String id,
        String code,
        String name,
        @Nullable String url,
        @Nullable String defaultCurrency,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
