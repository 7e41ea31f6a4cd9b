package io.hookline.domain.customer.owned;

import io.hookline.tenancy.IdPrefix;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A record a customer owns, as the API returns it: what every kind of them has. */
public interface CustomerOwned {

    String id();

    String customerId();

    String code();

    OffsetDateTime createdAt();

    OffsetDateTime updatedAt();

    /** The fields to create one with, or to change (null = keep): what every kind of them has. */
    interface Changes {
        @Nullable
        String code();
    }

    /**
     * How one kind is named: its id prefix, its name in problems ({@code contact person}), the
     * prefix of its event types ({@code customer.contactperson}) and the field its events carry
     * its code in ({@code contactPersonCode}).
     */
    record Kind(IdPrefix prefix, String name, String eventPrefix, String codeField) {}
}
