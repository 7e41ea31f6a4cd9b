package io.hookline.domain.customer.contactperson;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.customer.owned.CustomerOwned;
import io.hookline.domain.customer.owned.CustomerOwnedRegistry;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.tenancy.IdPrefix;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The contact persons of a tenant's customers, each change a {@code customer.contactperson.*}
 * event (what every record a customer owns shares is in {@link CustomerOwnedRegistry}).
 */
@Service
public class ContactPersonRegistry extends CustomerOwnedRegistry<ContactPerson, ContactPersonChanges> {

    /** Digits with the usual separators, an optional leading '+' (E.164 or as people write it). */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,31}");

    private static final CustomerOwned.Kind KIND = new CustomerOwned.Kind(
            IdPrefix.CONTACT_PERSON, "contact person", "customer.contactperson", "contactPersonCode");

    ContactPersonRegistry(ContactPersonRepository persons, ChangeClock clock, CommerceEvents events) {
        super(KIND, persons, clock, events);
    }

    @Override
    protected Fields validate(ContactPersonChanges changes) {
        Fields fields = new Fields()
                .code("code", changes.code())
                .text("name", changes.name(), 200)
                .email("email", changes.email());
        if (!isPhone(changes.phone())) {
            fields.error(
                    "phone", "must be a phone number: at most 32 digits, spaces and ( ) . / -, an optional leading +");
        }
        return fields;
    }

    @Override
    protected Fields required(Fields fields, ContactPersonChanges changes) {
        return fields.required("name", changes.name());
    }

    @Override
    protected ContactPerson created(
            String id, String customerId, String code, ContactPersonChanges changes, OffsetDateTime now) {
        return new ContactPerson(
                id,
                customerId,
                code,
                Objects.requireNonNull(changes.name()),
                changes.email(),
                changes.phone(),
                now,
                now);
    }

    @Override
    protected ContactPerson changed(
            ContactPerson current, String code, ContactPersonChanges changes, OffsetDateTime now) {
        return new ContactPerson(
                current.id(),
                current.customerId(),
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.email() == null ? current.email() : changes.email(),
                changes.phone() == null ? current.phone() : changes.phone(),
                current.createdAt(),
                now);
    }

    private static boolean isPhone(@Nullable String phone) {
        return phone == null
                || (PHONE.matcher(phone).matches()
                        && phone.chars().filter(Character::isDigit).count() >= 3);
    }
}
