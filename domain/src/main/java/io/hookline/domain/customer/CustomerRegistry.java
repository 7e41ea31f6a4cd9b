package io.hookline.domain.customer;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.commerce.Unchanged;
import io.hookline.domain.customer.address.AddressRegistry;
import io.hookline.domain.customer.contactperson.ContactPersonRegistry;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's customers. Every change is stamped by the tenant's change clock and emits its
 * catalog event ({@code customer.created|updated|deleted}) in the same transaction: a change
 * that rolls back leaves no event.
 */
@Service
public class CustomerRegistry {

    private final CustomerRepository customers;
    private final ChangeClock clock;
    private final CommerceEvents events;
    private final AddressRegistry addresses;
    private final ContactPersonRegistry contactPersons;

    CustomerRegistry(
            CustomerRepository customers,
            ChangeClock clock,
            CommerceEvents events,
            AddressRegistry addresses,
            ContactPersonRegistry contactPersons) {
        this.customers = customers;
        this.clock = clock;
        this.events = events;
        this.addresses = addresses;
        this.contactPersons = contactPersons;
    }

    @Transactional
    public Customer create(TenantId tenant, CustomerChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("name", changes.name())
                .check();
        String code = java.util.Objects.requireNonNull(changes.code());
        String name = java.util.Objects.requireNonNull(changes.name());
        OffsetDateTime now = clock.stamp(tenant);
        if (customers.codeTaken(tenant, code, null)) {
            throw codeTaken(code);
        }
        Customer customer = new Customer(Ids.next(IdPrefix.CUSTOMER), code, name, changes.email(), now, now);
        customers.insert(tenant, customer);
        events.emit(tenant, "customer.created", data(customer));
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(TenantId tenant, String id) {
        return customers.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("customer", id));
    }

    /** The customer, if the tenant has one with this id (for references from other resources). */
    @Transactional(readOnly = true)
    public java.util.Optional<Customer> find(TenantId tenant, String id) {
        return customers.find(tenant, id);
    }

    @Transactional(readOnly = true)
    public Page<Customer> list(TenantId tenant, SyncFilter filter, PageRequest page) {
        return SyncPosition.page(
                page,
                (after, limit) -> customers.list(tenant, filter, after, limit),
                Customer::updatedAt,
                Customer::id);
    }

    @Transactional
    public Customer update(TenantId tenant, String id, CustomerChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        Customer current = get(tenant, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && customers.codeTaken(tenant, code, id)) {
            throw codeTaken(code);
        }
        Customer updated = new Customer(
                id,
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.email() == null ? current.email() : changes.email(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        customers.update(tenant, updated);
        events.emit(tenant, "customer.updated", data(updated));
        return updated;
    }

    /** Deletes the customer with its addresses and contact persons; their deleted events come first. */
    @Transactional
    public void delete(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Customer current = get(tenant, id);
        if (customers.hasOrders(tenant, id)) {
            throw new DomainException.Conflict(
                    DomainException.ConflictCode.IN_USE,
                    "customer " + current.code() + " has orders; a customer with orders cannot be deleted,"
                            + " so the orders keep pointing at it");
        }
        addresses.deleteAllOf(tenant, id, current.code(), now);
        contactPersons.deleteAllOf(tenant, id, current.code(), now);
        customers.delete(tenant, id);
        events.emit(tenant, "customer.deleted", events.deleted(current.id(), current.code(), "customerCode", now));
    }

    /** The customer as the API returns it, plus its code under the name consumers expect. */
    private ObjectNode data(Customer customer) {
        return events.data(customer, "customerCode", customer.code());
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another customer of this tenant has code " + code);
    }

    private static Fields validate(CustomerChanges changes) {
        return new Fields()
                .code("code", changes.code())
                .text("name", changes.name(), 200)
                .email("email", changes.email());
    }
}
