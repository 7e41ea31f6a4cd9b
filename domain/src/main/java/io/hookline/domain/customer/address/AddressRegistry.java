package io.hookline.domain.customer.address;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.customer.owned.CustomerOwned;
import io.hookline.domain.customer.owned.CustomerOwnedRegistry;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.tenancy.IdPrefix;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The addresses of a tenant's customers, each change a {@code customer.address.*} event (what
 * every record a customer owns shares is in {@link CustomerOwnedRegistry}).
 */
@Service
public class AddressRegistry extends CustomerOwnedRegistry<Address, AddressChanges> {

    public static final Set<String> TYPES = Set.of("billing", "shipping", "other");
    static final String DEFAULT_TYPE = "other";

    private static final CustomerOwned.Kind KIND =
            new CustomerOwned.Kind(IdPrefix.ADDRESS, "address", "customer.address", "addressCode");

    AddressRegistry(AddressRepository addresses, ChangeClock clock, CommerceEvents events) {
        super(KIND, addresses, clock, events);
    }

    @Override
    protected Fields validate(AddressChanges changes) {
        Fields fields = new Fields()
                .code("code", changes.code())
                .text("line1", changes.line1(), 200)
                .text("line2", changes.line2(), 200)
                .text("postalCode", changes.postalCode(), 32)
                .text("city", changes.city(), 100)
                .text("region", changes.region(), 100)
                .country("country", changes.country());
        if (changes.type() != null && !TYPES.contains(changes.type())) {
            fields.error("type", "must be billing, shipping or other");
        }
        return fields;
    }

    @Override
    protected Fields required(Fields fields, AddressChanges changes) {
        return fields.required("line1", changes.line1())
                .required("postalCode", changes.postalCode())
                .required("city", changes.city())
                .required("country", changes.country());
    }

    @Override
    protected Address created(String id, String customerId, String code, AddressChanges changes, OffsetDateTime now) {
        return new Address(
                id,
                customerId,
                code,
                changes.type() == null ? DEFAULT_TYPE : changes.type(),
                Objects.requireNonNull(changes.line1()),
                changes.line2(),
                Objects.requireNonNull(changes.postalCode()),
                Objects.requireNonNull(changes.city()),
                changes.region(),
                Objects.requireNonNull(changes.country()),
                now,
                now);
    }

    @Override
    protected Address changed(Address current, String code, AddressChanges changes, OffsetDateTime now) {
        return new Address(
                current.id(),
                current.customerId(),
                code,
                changes.type() == null ? current.type() : changes.type(),
                changes.line1() == null ? current.line1() : changes.line1(),
                changes.line2() == null ? current.line2() : changes.line2(),
                changes.postalCode() == null ? current.postalCode() : changes.postalCode(),
                changes.city() == null ? current.city() : changes.city(),
                changes.region() == null ? current.region() : changes.region(),
                changes.country() == null ? current.country() : changes.country(),
                current.createdAt(),
                now);
    }
}
