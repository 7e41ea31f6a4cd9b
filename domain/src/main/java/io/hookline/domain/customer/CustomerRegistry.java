package io.hookline.domain.customer;

import io.hookline.domain.event.EventOutbox;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's customers. Every change is stamped by the tenant's change clock and emits its
 * catalog event ({@code customer.created|updated|deleted}) in the same transaction: a change
 * that rolls back leaves no event.
 */
@Service
public class CustomerRegistry {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final CustomerRepository customers;
    private final ChangeClock clock;
    private final EventOutbox outbox;
    private final JsonMapper json;

    CustomerRegistry(CustomerRepository customers, ChangeClock clock, EventOutbox outbox, JsonMapper json) {
        this.customers = customers;
        this.clock = clock;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional
    public Customer create(TenantId tenant, CustomerChanges changes) {
        String code = changes.code();
        String name = changes.name();
        List<FieldError> errors = validate(changes);
        if (code == null) {
            errors.add(new FieldError("code", "is required"));
        }
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (code == null || name == null || !errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        OffsetDateTime now = clock.stamp(tenant);
        if (customers.codeTaken(tenant, code, null)) {
            throw codeTaken(code);
        }
        Customer customer = new Customer(Ids.next("cus"), code, name, changes.email(), now, now);
        customers.insert(tenant, customer);
        outbox.emit(tenant, "customer.created", data(customer), null);
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(TenantId tenant, String id) {
        return customers.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("customer", id));
    }

    @Transactional(readOnly = true)
    public Page<Customer> list(
            TenantId tenant,
            @Nullable OffsetDateTime createdAfter,
            @Nullable OffsetDateTime updatedAfter,
            PageRequest page) {
        List<Customer> fetched =
                customers.list(tenant, createdAfter, updatedAfter, SyncPosition.of(page.after()), page.limit() + 1);
        return Page.of(fetched, page.limit(), c -> new SyncPosition(c.updatedAt(), c.id()).keys());
    }

    @Transactional
    public Customer update(TenantId tenant, String id, CustomerChanges changes) {
        List<FieldError> errors = validate(changes);
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
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
        customers.update(tenant, updated);
        outbox.emit(tenant, "customer.updated", data(updated), null);
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Customer current = get(tenant, id);
        customers.delete(tenant, id);
        ObjectNode data = json.createObjectNode();
        data.put("id", current.id());
        data.put("code", current.code());
        data.put("customerCode", current.code());
        data.put("deletedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now));
        outbox.emit(tenant, "customer.deleted", data, null);
    }

    /** The customer as the API returns it, plus its code under the name consumers expect. */
    private ObjectNode data(Customer customer) {
        ObjectNode data = json.valueToTree(customer);
        data.put("customerCode", customer.code());
        return data;
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict("code-taken", "another customer of this tenant has code " + code);
    }

    private static List<FieldError> validate(CustomerChanges changes) {
        List<FieldError> errors = new ArrayList<>();
        if (changes.code() != null && !CODE.matcher(changes.code()).matches()) {
            errors.add(new FieldError(
                    "code", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (changes.name() != null
                && (changes.name().isBlank() || changes.name().length() > 200)) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (changes.email() != null
                && (changes.email().length() > 320
                        || !EMAIL.matcher(changes.email()).matches())) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        return errors;
    }
}
