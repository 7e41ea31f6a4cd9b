package io.hookline.domain.customer.address;

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
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The addresses of a tenant's customers. An address is only ever reached through its customer:
 * an address of another customer (or tenant) is not found, like a missing one. Every change is
 * stamped by the tenant's change clock and emits its {@code customer.address.*} event in the same
 * transaction, carrying the customer's code as it is at that moment.
 */
@Service
public class AddressRegistry {

    public static final Set<String> TYPES = Set.of("billing", "shipping", "other");
    static final String DEFAULT_TYPE = "other";

    private final AddressRepository addresses;
    private final ChangeClock clock;
    private final CommerceEvents events;

    AddressRegistry(AddressRepository addresses, ChangeClock clock, CommerceEvents events) {
        this.addresses = addresses;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Address create(TenantId tenant, String customerId, AddressChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("line1", changes.line1())
                .required("postalCode", changes.postalCode())
                .required("city", changes.city())
                .required("country", changes.country())
                .check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        String code = Objects.requireNonNull(changes.code());
        if (addresses.codeTaken(tenant, customerId, code, null)) {
            throw codeTaken(code);
        }
        Address address = new Address(
                Ids.next(IdPrefix.ADDRESS),
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
        addresses.insert(tenant, address);
        events.emit(tenant, "customer.address.created", data(address, customerCode));
        return address;
    }

    @Transactional(readOnly = true)
    public Address get(TenantId tenant, String customerId, String id) {
        customerCode(tenant, customerId);
        return find(tenant, customerId, id);
    }

    @Transactional(readOnly = true)
    public Page<Address> list(TenantId tenant, String customerId, SyncFilter filter, PageRequest page) {
        customerCode(tenant, customerId);
        return SyncPosition.page(
                page,
                (after, limit) -> addresses.list(tenant, customerId, filter, after, limit),
                Address::updatedAt,
                Address::id);
    }

    @Transactional
    public Address update(TenantId tenant, String customerId, String id, AddressChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        Address current = find(tenant, customerId, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && addresses.codeTaken(tenant, customerId, code, id)) {
            throw codeTaken(code);
        }
        Address updated = new Address(
                id,
                customerId,
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
        if (Unchanged.same(current, updated)) {
            return current;
        }
        addresses.update(tenant, updated);
        events.emit(tenant, "customer.address.updated", data(updated, customerCode));
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String customerId, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        Address current = find(tenant, customerId, id);
        addresses.delete(tenant, customerId, id);
        events.emit(tenant, "customer.address.deleted", deleted(current, customerCode, now));
    }

    /**
     * Deletes every address of a customer that is being deleted, each with its
     * {@code customer.address.deleted} event. Only inside the customer's delete transaction,
     * which has stamped the change clock already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteAllOf(TenantId tenant, String customerId, String customerCode, OffsetDateTime at) {
        for (Address address : addresses.deleteAllOf(tenant, customerId)) {
            events.emit(tenant, "customer.address.deleted", deleted(address, customerCode, at));
        }
    }

    /** The owning customer's current code; a customer the tenant does not have is not found. */
    private String customerCode(TenantId tenant, String customerId) {
        return addresses
                .customerCode(tenant, customerId)
                .orElseThrow(() -> new DomainException.NotFound("customer", customerId));
    }

    private Address find(TenantId tenant, String customerId, String id) {
        return addresses.find(tenant, customerId, id).orElseThrow(() -> new DomainException.NotFound("address", id));
    }

    /** The address as the API returns it, plus its code and its customer's code. */
    private ObjectNode data(Address address, String customerCode) {
        return events.data(address, "addressCode", address.code()).put("customerCode", customerCode);
    }

    private ObjectNode deleted(Address address, String customerCode, OffsetDateTime at) {
        return events.deleted(address.id(), address.code(), "addressCode", at)
                .put("customerId", address.customerId())
                .put("customerCode", customerCode);
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another address of this customer has code " + code);
    }

    private static Fields validate(AddressChanges changes) {
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
}
