package io.hookline.domain.customer.contactperson;

import static io.hookline.domain.jooq.Tables.CUSTOMER;
import static io.hookline.domain.jooq.Tables.CUSTOMER_CONTACT_PERSON;

import io.hookline.domain.jooq.tables.records.CustomerContactPersonRecord;
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
class ContactPersonRepository {

    private final DSLContext dsl;

    ContactPersonRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The current code of the tenant's customer {@code customerId}, if it exists. */
    Optional<String> customerCode(TenantId tenant, String customerId) {
        return dsl.select(CUSTOMER.CODE)
                .from(CUSTOMER)
                .where(CUSTOMER.TENANT_ID.eq(tenant.value()), CUSTOMER.ID.eq(customerId))
                .fetchOptional(CUSTOMER.CODE);
    }

    Optional<ContactPerson> find(TenantId tenant, String customerId, String id) {
        return dsl.selectFrom(CUSTOMER_CONTACT_PERSON)
                .where(ofCustomer(tenant, customerId), CUSTOMER_CONTACT_PERSON.ID.eq(id))
                .fetchOptional(ContactPersonRepository::toContactPerson);
    }

    boolean codeTaken(TenantId tenant, String customerId, String code, @Nullable String except) {
        Condition condition = ofCustomer(tenant, customerId).and(CUSTOMER_CONTACT_PERSON.CODE.eq(code));
        return dsl.fetchExists(
                CUSTOMER_CONTACT_PERSON,
                except == null ? condition : condition.and(CUSTOMER_CONTACT_PERSON.ID.ne(except)));
    }

    void insert(TenantId tenant, ContactPerson person) {
        dsl.insertInto(CUSTOMER_CONTACT_PERSON)
                .set(CUSTOMER_CONTACT_PERSON.ID, person.id())
                .set(CUSTOMER_CONTACT_PERSON.TENANT_ID, tenant.value())
                .set(CUSTOMER_CONTACT_PERSON.CUSTOMER_ID, person.customerId())
                .set(CUSTOMER_CONTACT_PERSON.CODE, person.code())
                .set(CUSTOMER_CONTACT_PERSON.NAME, person.name())
                .set(CUSTOMER_CONTACT_PERSON.EMAIL, person.email())
                .set(CUSTOMER_CONTACT_PERSON.PHONE, person.phone())
                .set(CUSTOMER_CONTACT_PERSON.CREATED_AT, person.createdAt())
                .set(CUSTOMER_CONTACT_PERSON.UPDATED_AT, person.updatedAt())
                .execute();
    }

    void update(TenantId tenant, ContactPerson person) {
        dsl.update(CUSTOMER_CONTACT_PERSON)
                .set(CUSTOMER_CONTACT_PERSON.CODE, person.code())
                .set(CUSTOMER_CONTACT_PERSON.NAME, person.name())
                .set(CUSTOMER_CONTACT_PERSON.EMAIL, person.email())
                .set(CUSTOMER_CONTACT_PERSON.PHONE, person.phone())
                .set(CUSTOMER_CONTACT_PERSON.UPDATED_AT, person.updatedAt())
                .where(ofCustomer(tenant, person.customerId()), CUSTOMER_CONTACT_PERSON.ID.eq(person.id()))
                .execute();
    }

    void delete(TenantId tenant, String customerId, String id) {
        dsl.deleteFrom(CUSTOMER_CONTACT_PERSON)
                .where(ofCustomer(tenant, customerId), CUSTOMER_CONTACT_PERSON.ID.eq(id))
                .execute();
    }

    /** Deletes every contact person of the customer and answers them, in id order. */
    List<ContactPerson> deleteAllOf(TenantId tenant, String customerId) {
        return dsl.deleteFrom(CUSTOMER_CONTACT_PERSON)
                .where(ofCustomer(tenant, customerId))
                .returning()
                .fetch()
                .sortAsc(CUSTOMER_CONTACT_PERSON.ID)
                .map(ContactPersonRepository::toContactPerson);
    }

    /** The customer's contact persons in (updated_at, id) order, after {@code after}, as the filter says. */
    List<ContactPerson> list(
            TenantId tenant, String customerId, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(CUSTOMER_CONTACT_PERSON)
                .where(ofCustomer(tenant, customerId))
                .and(filter.condition(
                        CUSTOMER_CONTACT_PERSON.CREATED_AT,
                        CUSTOMER_CONTACT_PERSON.UPDATED_AT,
                        CUSTOMER_CONTACT_PERSON.ID,
                        after))
                .orderBy(CUSTOMER_CONTACT_PERSON.UPDATED_AT, CUSTOMER_CONTACT_PERSON.ID)
                .limit(limit)
                .fetch(ContactPersonRepository::toContactPerson);
    }

    private static Condition ofCustomer(TenantId tenant, String customerId) {
        return CUSTOMER_CONTACT_PERSON
                .TENANT_ID
                .eq(tenant.value())
                .and(CUSTOMER_CONTACT_PERSON.CUSTOMER_ID.eq(customerId));
    }

    private static ContactPerson toContactPerson(CustomerContactPersonRecord r) {
        return new ContactPerson(
                r.getId(),
                r.getCustomerId(),
                r.getCode(),
                r.getName(),
                r.getEmail(),
                r.getPhone(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
