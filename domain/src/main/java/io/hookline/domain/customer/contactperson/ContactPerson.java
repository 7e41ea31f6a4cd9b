package io.hookline.domain.customer.contactperson;

import io.hookline.domain.customer.owned.CustomerOwned;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A contact person of a customer as the API returns it (and as its events carry it). */
public record ContactPerson(
        String id,
        String customerId,
        String code,
        String name,
        @Nullable String email,
        @Nullable String phone,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt)
        implements CustomerOwned {}
