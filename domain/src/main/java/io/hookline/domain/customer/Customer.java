package io.hookline.domain.customer;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A customer as the API returns it (and as its events carry it). */
public record Customer(
        String id,
        String code,
        String name,
        @Nullable String email,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
