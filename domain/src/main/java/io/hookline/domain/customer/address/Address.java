package io.hookline.domain.customer.address;

import io.hookline.domain.customer.owned.CustomerOwned;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An address of a customer as the API returns it (and as its events carry it). */
public record Address(
        String id,
        String customerId,
        String code,
        String type,
        String line1,
        @Nullable String line2,
        String postalCode,
        String city,
        @Nullable String region,
        String country,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt)
        implements CustomerOwned {}
