package io.hookline.domain.customer.contactperson;

import static io.hookline.domain.jooq.Tables.CUSTOMER_CONTACT_PERSON;

import io.hookline.domain.customer.owned.CustomerOwnedRepository;
import io.hookline.domain.jooq.tables.records.CustomerContactPersonRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class ContactPersonRepository extends CustomerOwnedRepository<CustomerContactPersonRecord, ContactPerson> {

    ContactPersonRepository(DSLContext dsl) {
        super(
                dsl,
                new Columns<>(
                        CUSTOMER_CONTACT_PERSON,
                        CUSTOMER_CONTACT_PERSON.ID,
                        CUSTOMER_CONTACT_PERSON.TENANT_ID,
                        CUSTOMER_CONTACT_PERSON.CUSTOMER_ID,
                        CUSTOMER_CONTACT_PERSON.CODE,
                        CUSTOMER_CONTACT_PERSON.CREATED_AT,
                        CUSTOMER_CONTACT_PERSON.UPDATED_AT));
    }

    @Override
    protected void write(ContactPerson person, CustomerContactPersonRecord row) {
        row.setName(person.name());
        row.setEmail(person.email());
        row.setPhone(person.phone());
    }

    @Override
    protected ContactPerson read(CustomerContactPersonRecord r) {
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
