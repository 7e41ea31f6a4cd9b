package io.hookline.domain.customer.address;

import io.hookline.domain.customer.owned.CustomerOwned;
import org.jspecify.annotations.Nullable;

/** Fields to create an address with, or to change (null = keep). */
public record AddressChanges(
        @Nullable String code,
        @Nullable String type,
        @Nullable String line1,
        @Nullable String line2,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String region,
        @Nullable String country)
        implements CustomerOwned.Changes {}
