package io.hookline.domain.customer.owned;

import static io.hookline.domain.jooq.Tables.CUSTOMER;

import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jspecify.annotations.Nullable;

/**
 * The table of one kind of record a customer owns. Every query starts from the tenant and the
 * owning customer. A kind gives its table's shared columns and maps its own.
 *
 * <p>The methods are protected, not package-private: the kind's repository is proxied by Spring
 * ({@code @Repository}) from its own package, and a proxy can only pass on what it can override.
 */
public abstract class CustomerOwnedRepository<R extends Record, T extends CustomerOwned> {

    /** The table and the columns every kind has. */
    public record Columns<R extends Record>(
            Table<R> table,
            TableField<R, String> id,
            TableField<R, String> tenantId,
            TableField<R, String> customerId,
            TableField<R, String> code,
            TableField<R, OffsetDateTime> createdAt,
            TableField<R, OffsetDateTime> updatedAt) {}

    private final DSLContext dsl;
    private final Columns<R> columns;

    protected CustomerOwnedRepository(DSLContext dsl, Columns<R> columns) {
        this.dsl = dsl;
        this.columns = columns;
    }

    /** Sets the kind's own columns of {@code row} (all but the shared ones) from {@code record}. */
    protected abstract void write(T record, R row);

    /** The record a row holds. */
    protected abstract T read(R row);

    /** The current code of the tenant's customer {@code customerId}, if it exists. */
    protected Optional<String> customerCode(TenantId tenant, String customerId) {
        return dsl.select(CUSTOMER.CODE)
                .from(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(customerId))
                .fetchOptional(CUSTOMER.CODE);
    }

    protected Optional<T> find(TenantId tenant, String customerId, String id) {
        return dsl.selectFrom(columns.table())
                .where(ofCustomer(tenant, customerId), columns.id().eq(id))
                .fetchOptional(this::read);
    }

    protected boolean codeTaken(TenantId tenant, String customerId, String code, @Nullable String except) {
        Condition condition = ofCustomer(tenant, customerId).and(columns.code().eq(code));
        return dsl.fetchExists(
                columns.table(),
                except == null ? condition : condition.and(columns.id().ne(except)));
    }

    protected void insert(TenantId tenant, T record) {
        R row = dsl.newRecord(columns.table());
        row.set(columns.id(), record.id());
        row.set(columns.tenantId(), tenant.value());
        row.set(columns.customerId(), record.customerId());
        row.set(columns.createdAt(), record.createdAt());
        dsl.insertInto(columns.table()).set(changed(record, row)).execute();
    }

    protected void update(TenantId tenant, T record) {
        dsl.update(columns.table())
                .set(changed(record, dsl.newRecord(columns.table())))
                .where(ofCustomer(tenant, record.customerId()), columns.id().eq(record.id()))
                .execute();
    }

    protected void delete(TenantId tenant, String customerId, String id) {
        dsl.deleteFrom(columns.table())
                .where(ofCustomer(tenant, customerId), columns.id().eq(id))
                .execute();
    }

    /** Deletes every record of the customer and answers them, in id order. */
    protected List<T> deleteAllOf(TenantId tenant, String customerId) {
        return dsl.deleteFrom(columns.table())
                .where(ofCustomer(tenant, customerId))
                .returning()
                .fetch()
                .sortAsc(columns.id())
                .map(this::read);
    }

    /** The customer's records in (updated_at, id) order, after {@code after}, as the filter says. */
    protected List<T> list(
            TenantId tenant, String customerId, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(columns.table())
                .where(ofCustomer(tenant, customerId))
                .and(filter.condition(columns.createdAt(), columns.updatedAt(), columns.id(), after))
                .orderBy(columns.updatedAt(), columns.id())
                .limit(limit)
                .fetch(this::read);
    }

    /** {@code row} with every column a change may set: the code, the kind's own columns, updated_at. */
    private R changed(T record, R row) {
        row.set(columns.code(), record.code());
        write(record, row);
        row.set(columns.updatedAt(), record.updatedAt());
        return row;
    }

    private Condition ofCustomer(TenantId tenant, String customerId) {
        return columns.tenantId().eq(tenant.value()).and(columns.customerId().eq(customerId));
    }
}
