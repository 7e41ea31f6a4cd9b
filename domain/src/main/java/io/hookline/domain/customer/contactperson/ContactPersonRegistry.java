package io.hookline.domain.customer.contactperson;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.commerce.Unchanged;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contact persons of a tenant's customers. A contact person is only ever reached through its
 * customer: one of another customer (or tenant) is not found, like a missing one. Every change is
 * stamped by the tenant's change clock and emits its {@code customer.contactperson.*} event in the
 * same transaction, carrying the customer's code as it is at that moment.
 */
@Service
public class ContactPersonRegistry {

    /** Digits with the usual separators, an optional leading '+' (E.164 or as people write it). */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,31}");

    private final ContactPersonRepository persons;
    private final ChangeClock clock;
    private final CommerceEvents events;

    ContactPersonRegistry(ContactPersonRepository persons, ChangeClock clock, CommerceEvents events) {
        this.persons = persons;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public ContactPerson create(TenantId tenant, String customerId, ContactPersonChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("name", changes.name())
                .check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        String code = Objects.requireNonNull(changes.code());
        if (persons.codeTaken(tenant, customerId, code, null)) {
            throw codeTaken(code);
        }
        ContactPerson person = new ContactPerson(
                Ids.next(IdPrefix.CONTACT_PERSON),
                customerId,
                code,
                Objects.requireNonNull(changes.name()),
                changes.email(),
                changes.phone(),
                now,
                now);
        persons.insert(tenant, person);
        events.emit(tenant, "customer.contactperson.created", data(person, customerCode));
        return person;
    }

    @Transactional(readOnly = true)
    public ContactPerson get(TenantId tenant, String customerId, String id) {
        customerCode(tenant, customerId);
        return find(tenant, customerId, id);
    }

    @Transactional(readOnly = true)
    public Page<ContactPerson> list(TenantId tenant, String customerId, SyncFilter filter, PageRequest page) {
        customerCode(tenant, customerId);
        return SyncPosition.page(
                page,
                (after, limit) -> persons.list(tenant, customerId, filter, after, limit),
                ContactPerson::updatedAt,
                ContactPerson::id);
    }

    @Transactional
    public ContactPerson update(TenantId tenant, String customerId, String id, ContactPersonChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        ContactPerson current = find(tenant, customerId, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && persons.codeTaken(tenant, customerId, code, id)) {
            throw codeTaken(code);
        }
        ContactPerson updated = new ContactPerson(
                id,
                customerId,
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.email() == null ? current.email() : changes.email(),
                changes.phone() == null ? current.phone() : changes.phone(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        persons.update(tenant, updated);
        events.emit(tenant, "customer.contactperson.updated", data(updated, customerCode));
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String customerId, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        ContactPerson current = find(tenant, customerId, id);
        persons.delete(tenant, customerId, id);
        events.emit(tenant, "customer.contactperson.deleted", deleted(current, customerCode, now));
    }

    /**
     * Deletes every contact person of a customer that is being deleted, each with its
     * {@code customer.contactperson.deleted} event. Only inside the customer's delete transaction,
     * which has stamped the change clock already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteAllOf(TenantId tenant, String customerId, String customerCode, OffsetDateTime at) {
        for (ContactPerson person : persons.deleteAllOf(tenant, customerId)) {
            events.emit(tenant, "customer.contactperson.deleted", deleted(person, customerCode, at));
        }
    }

    /** The owning customer's current code; a customer the tenant does not have is not found. */
    private String customerCode(TenantId tenant, String customerId) {
        return persons.customerCode(tenant, customerId)
                .orElseThrow(() -> new DomainException.NotFound("customer", customerId));
    }

    private ContactPerson find(TenantId tenant, String customerId, String id) {
        return persons.find(tenant, customerId, id)
                .orElseThrow(() -> new DomainException.NotFound("contact person", id));
    }

    /** The contact person as the API returns it, plus its code and its customer's code. */
    private ObjectNode data(ContactPerson person, String customerCode) {
        return events.data(person, "contactPersonCode", person.code()).put("customerCode", customerCode);
    }

    private ObjectNode deleted(ContactPerson person, String customerCode, OffsetDateTime at) {
        return events.deleted(person.id(), person.code(), "contactPersonCode", at)
                .put("customerId", person.customerId())
                .put("customerCode", customerCode);
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another contact person of this customer has code " + code);
    }

    private static Fields validate(ContactPersonChanges changes) {
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

    private static boolean isPhone(@Nullable String phone) {
        return phone == null
                || (PHONE.matcher(phone).matches()
                        && phone.chars().filter(Character::isDigit).count() >= 3);
    }
}
