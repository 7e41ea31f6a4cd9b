package io.hookline.domain.customer.address;

import static io.hookline.domain.jooq.Tables.CUSTOMER;
import static io.hookline.domain.jooq.Tables.CUSTOMER_ADDRESS;

import io.hookline.domain.jooq.tables.records.CustomerAddressRecord;
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
class AddressRepository {

    private final DSLContext dsl;

    AddressRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The current code of the tenant's customer {@code customerId}, if it exists. */
    Optional<String> customerCode(TenantId tenant, String customerId) {
        return dsl.select(CUSTOMER.CODE)
                .from(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(customerId))
                .fetchOptional(CUSTOMER.CODE);
    }

    Optional<Address> find(TenantId tenant, String customerId, String id) {
        return dsl.selectFrom(CUSTOMER_ADDRESS)
                .where(ofCustomer(tenant, customerId), CUSTOMER_ADDRESS.ID.eq(id))
                .fetchOptional(AddressRepository::toAddress);
    }

    boolean codeTaken(TenantId tenant, String customerId, String code, @Nullable String except) {
        Condition condition = ofCustomer(tenant, customerId).and(CUSTOMER_ADDRESS.CODE.eq(code));
        return dsl.fetchExists(
                CUSTOMER_ADDRESS, except == null ? condition : condition.and(CUSTOMER_ADDRESS.ID.ne(except)));
    }

    void insert(TenantId tenant, Address address) {
        dsl.insertInto(CUSTOMER_ADDRESS)
                .set(CUSTOMER_ADDRESS.ID, address.id())
                .set(CUSTOMER_ADDRESS.TENANT_ID, tenant.value())
                .set(CUSTOMER_ADDRESS.CUSTOMER_ID, address.customerId())
                .set(CUSTOMER_ADDRESS.CODE, address.code())
                .set(CUSTOMER_ADDRESS.TYPE, address.type())
                .set(CUSTOMER_ADDRESS.LINE1, address.line1())
                .set(CUSTOMER_ADDRESS.LINE2, address.line2())
                .set(CUSTOMER_ADDRESS.POSTAL_CODE, address.postalCode())
                .set(CUSTOMER_ADDRESS.CITY, address.city())
                .set(CUSTOMER_ADDRESS.REGION, address.region())
                .set(CUSTOMER_ADDRESS.COUNTRY, address.country())
                .set(CUSTOMER_ADDRESS.CREATED_AT, address.createdAt())
                .set(CUSTOMER_ADDRESS.UPDATED_AT, address.updatedAt())
                .execute();
    }

    void update(TenantId tenant, Address address) {
        dsl.update(CUSTOMER_ADDRESS)
                .set(CUSTOMER_ADDRESS.CODE, address.code())
                .set(CUSTOMER_ADDRESS.TYPE, address.type())
                .set(CUSTOMER_ADDRESS.LINE1, address.line1())
                .set(CUSTOMER_ADDRESS.LINE2, address.line2())
                .set(CUSTOMER_ADDRESS.POSTAL_CODE, address.postalCode())
                .set(CUSTOMER_ADDRESS.CITY, address.city())
                .set(CUSTOMER_ADDRESS.REGION, address.region())
                .set(CUSTOMER_ADDRESS.COUNTRY, address.country())
                .set(CUSTOMER_ADDRESS.UPDATED_AT, address.updatedAt())
                .where(ofCustomer(tenant, address.customerId()), CUSTOMER_ADDRESS.ID.eq(address.id()))
                .execute();
    }

    void delete(TenantId tenant, String customerId, String id) {
        dsl.deleteFrom(CUSTOMER_ADDRESS)
                .where(ofCustomer(tenant, customerId), CUSTOMER_ADDRESS.ID.eq(id))
                .execute();
    }

    /** Deletes every address of the customer and answers them, in id order. */
    List<Address> deleteAllOf(TenantId tenant, String customerId) {
        return dsl.deleteFrom(CUSTOMER_ADDRESS)
                .where(ofCustomer(tenant, customerId))
                .returning()
                .fetch()
                .sortAsc(CUSTOMER_ADDRESS.ID)
                .map(AddressRepository::toAddress);
    }

    /** The customer's addresses in (updated_at, id) order, after {@code after}, as the filter says. */
    List<Address> list(TenantId tenant, String customerId, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(CUSTOMER_ADDRESS)
                .where(ofCustomer(tenant, customerId))
                .and(filter.condition(
                        CUSTOMER_ADDRESS.CREATED_AT, CUSTOMER_ADDRESS.UPDATED_AT, CUSTOMER_ADDRESS.ID, after))
                .orderBy(CUSTOMER_ADDRESS.UPDATED_AT, CUSTOMER_ADDRESS.ID)
                .limit(limit)
                .fetch(AddressRepository::toAddress);
    }

    private static Condition ofCustomer(TenantId tenant, String customerId) {
        return CUSTOMER_ADDRESS.TENANT_ID.eq(tenant.value()).and(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId));
    }

    private static Address toAddress(CustomerAddressRecord r) {
        return new Address(
                r.getId(),
                r.getCustomerId(),
                r.getCode(),
                r.getType(),
                r.getLine1(),
                r.getLine2(),
                r.getPostalCode(),
                r.getCity(),
                r.getRegion(),
                r.getCountry(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
