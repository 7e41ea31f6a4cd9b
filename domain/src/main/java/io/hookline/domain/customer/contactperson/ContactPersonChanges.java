package io.hookline.domain.customer.contactperson;

import io.hookline.domain.customer.owned.CustomerOwned;
import org.jspecify.annotations.Nullable;

/** Fields to create a contact person with, or to change (null = keep). */
public record ContactPersonChanges(
        @Nullable String code,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone) implements CustomerOwned.Changes {}
