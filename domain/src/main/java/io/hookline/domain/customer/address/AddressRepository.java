package io.hookline.domain.customer.address;

import static io.hookline.domain.jooq.Tables.CUSTOMER_ADDRESS;

import io.hookline.domain.customer.owned.CustomerOwnedRepository;
import io.hookline.domain.jooq.tables.records.CustomerAddressRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class AddressRepository extends CustomerOwnedRepository<CustomerAddressRecord, Address> {

    AddressRepository(DSLContext dsl) {
        super(
                dsl,
                new Columns<>(
                        CUSTOMER_ADDRESS,
                        CUSTOMER_ADDRESS.ID,
                        CUSTOMER_ADDRESS.TENANT_ID,
                        CUSTOMER_ADDRESS.CUSTOMER_ID,
                        CUSTOMER_ADDRESS.CODE,
                        CUSTOMER_ADDRESS.CREATED_AT,
                        CUSTOMER_ADDRESS.UPDATED_AT));
    }

    @Override
    protected void write(Address address, CustomerAddressRecord row) {
        row.setType(address.type());
        row.setLine1(address.line1());
        row.setLine2(address.line2());
        row.setPostalCode(address.postalCode());
        row.setCity(address.city());
        row.setRegion(address.region());
        row.setCountry(address.country());
    }

    @Override
    protected Address read(CustomerAddressRecord r) {
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
