package io.hookline.domain.customer;

import static io.hookline.domain.jooq.Tables.CUSTOMER;
import static io.hookline.domain.jooq.Tables.SALES_ORDER;

import io.hookline.domain.jooq.tables.records.CustomerRecord;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {

    private final DSLContext dsl;

    CustomerRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Customer> find(TenantId tenant, String id) {
        return dsl.selectFrom(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(id))
                .fetchOptional(CustomerRepository::toCustomer);
    }

    boolean codeTaken(TenantId tenant, String code, @Nullable String except) {
        Condition condition = CUSTOMER.TENANT_ID.eq(tenant.value()).and(CUSTOMER.CODE.eq(code));
        return dsl.fetchExists(CUSTOMER, except == null ? condition : condition.and(CUSTOMER.ID.ne(except)));
    }

    boolean hasOrders(TenantId tenant, String id) {
        return dsl.fetchExists(
                SALES_ORDER, SALES_ORDER.TENANT_ID.eq(tenant.value()).and(SALES_ORDER.CUSTOMER_ID.eq(id)));
    }

    void insert(TenantId tenant, Customer customer) {
        dsl.insertInto(CUSTOMER)
                .set(CUSTOMER.ID, customer.id())
                .set(CUSTOMER.TENANT_ID, tenant.value())
                .set(CUSTOMER.CODE, customer.code())
                .set(CUSTOMER.NAME, customer.name())
                .set(CUSTOMER.EMAIL, customer.email())
                .set(CUSTOMER.CREATED_AT, customer.createdAt())
                .set(CUSTOMER.UPDATED_AT, customer.updatedAt())
                .execute();
    }

    void update(TenantId tenant, Customer customer) {
        dsl.update(CUSTOMER)
                .set(CUSTOMER.CODE, customer.code())
                .set(CUSTOMER.NAME, customer.name())
                .set(CUSTOMER.EMAIL, customer.email())
                .set(CUSTOMER.UPDATED_AT, customer.updatedAt())
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(customer.id()))
                .execute();
    }

    void delete(TenantId tenant, String id) {
        dsl.deleteFrom(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(id))
                .execute();
    }

    /** In (updated_at, id) order, after {@code after}, as the filter says. */
    List<Customer> list(TenantId tenant, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()))
                .and(filter.condition(CUSTOMER.CREATED_AT, CUSTOMER.UPDATED_AT, CUSTOMER.ID, after))
                .orderBy(CUSTOMER.UPDATED_AT, CUSTOMER.ID)
                .limit(limit)
                .fetch(CustomerRepository::toCustomer);
    }

    private static Customer toCustomer(CustomerRecord r) {
        return new Customer(r.getId(), r.getCode(), r.getName(), r.getEmail(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
