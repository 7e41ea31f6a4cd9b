package io.hookline.domain.customer.owned;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.commerce.Unchanged;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry of one kind of record a customer owns. One is only ever reached through its
 * customer: one of another customer (or tenant) is not found, like a missing one. Every change is
 * stamped by the tenant's change clock and emits its {@code <eventPrefix>.created|updated|deleted}
 * event in the same transaction, carrying the customer's code as it is at that moment. A kind
 * says its field rules and how a new or changed record is made.
 */
public abstract class CustomerOwnedRegistry<T extends Record & CustomerOwned, C extends CustomerOwned.Changes> {

    private final CustomerOwned.Kind kind;
    private final CustomerOwnedRepository<?, T> repository;
    private final ChangeClock clock;
    private final CommerceEvents events;

    protected CustomerOwnedRegistry(
            CustomerOwned.Kind kind,
            CustomerOwnedRepository<?, T> repository,
            ChangeClock clock,
            CommerceEvents events) {
        this.kind = kind;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    /** The kind's rules for the fields a change gives (a null field is left out). */
    protected abstract Fields validate(C changes);

    /** {@code fields} with the kind's fields a new record must have (its code is checked already). */
    protected abstract Fields required(Fields fields, C changes);

    /** A new record from valid changes that give every required field. */
    protected abstract T created(String id, String customerId, String code, C changes, OffsetDateTime now);

    /** {@code current} with {@code code} and every field the changes give. */
    protected abstract T changed(T current, String code, C changes, OffsetDateTime now);

    @Transactional
    public T create(TenantId tenant, String customerId, C changes) {
        required(validate(changes).required("code", changes.code()), changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        String code = Objects.requireNonNull(changes.code());
        if (repository.codeTaken(tenant, customerId, code, null)) {
            throw codeTaken(code);
        }
        T record = created(Ids.next(kind.prefix()), customerId, code, changes, now);
        repository.insert(tenant, record);
        events.emit(tenant, kind.eventPrefix() + ".created", data(record, customerCode));
        return record;
    }

    @Transactional(readOnly = true)
    public T get(TenantId tenant, String customerId, String id) {
        customerCode(tenant, customerId);
        return find(tenant, customerId, id);
    }

    @Transactional(readOnly = true)
    public Page<T> list(TenantId tenant, String customerId, SyncFilter filter, PageRequest page) {
        customerCode(tenant, customerId);
        return SyncPosition.page(
                page,
                (after, limit) -> repository.list(tenant, customerId, filter, after, limit),
                CustomerOwned::updatedAt,
                CustomerOwned::id);
    }

    @Transactional
    public T update(TenantId tenant, String customerId, String id, C changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        T current = find(tenant, customerId, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && repository.codeTaken(tenant, customerId, code, id)) {
            throw codeTaken(code);
        }
        T updated = changed(current, code, changes, now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        repository.update(tenant, updated);
        events.emit(tenant, kind.eventPrefix() + ".updated", data(updated, customerCode));
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String customerId, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        String customerCode = customerCode(tenant, customerId);
        T current = find(tenant, customerId, id);
        repository.delete(tenant, customerId, id);
        events.emit(tenant, kind.eventPrefix() + ".deleted", deleted(current, customerCode, now));
    }

    /**
     * Deletes every record of this kind of a customer that is being deleted, each with its
     * {@code .deleted} event. Only inside the customer's delete transaction, which has stamped the
     * change clock already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteAllOf(TenantId tenant, String customerId, String customerCode, OffsetDateTime at) {
        for (T record : repository.deleteAllOf(tenant, customerId)) {
            events.emit(tenant, kind.eventPrefix() + ".deleted", deleted(record, customerCode, at));
        }
    }

    /** The owning customer's current code; a customer the tenant does not have is not found. */
    private String customerCode(TenantId tenant, String customerId) {
        return repository
                .customerCode(tenant, customerId)
                .orElseThrow(() -> new DomainException.NotFound("customer", customerId));
    }

    private T find(TenantId tenant, String customerId, String id) {
        return repository.find(tenant, customerId, id).orElseThrow(() -> new DomainException.NotFound(kind.name(), id));
    }

    /** The record as the API returns it, plus its code and its customer's code. */
    private ObjectNode data(T record, String customerCode) {
        return events.data(record, kind.codeField(), record.code()).put("customerCode", customerCode);
    }

    private ObjectNode deleted(T record, String customerCode, OffsetDateTime at) {
        return events.deleted(record.id(), record.code(), kind.codeField(), at)
                .put("customerId", record.customerId())
                .put("customerCode", customerCode);
    }

    private DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN,
                "another " + kind.name() + " of this customer has code " + code);
    }
}
