-- A customer's addresses and contact persons. Codes are unique per customer, not per tenant: two
-- customers may both have a "SHIP-1". The customer FK has no cascade on purpose: deleting a
-- customer deletes its children in the application, so each emits its own deleted event (see
-- CustomerRegistry.delete). (tenant_id, updated_at, id) serves a tenant-wide sync;
-- (customer_id, updated_at, id) serves the per-customer lists and the FK.
create table customer_address (
    id           varchar(32)  not null,
    tenant_id    varchar(32)  not null,
    customer_id  varchar(32)  not null,
    code         varchar(64)  not null,
    type         varchar(16)  not null,
    line1        varchar(200) not null,
    line2        varchar(200),
    postal_code  varchar(32)  not null,
    city         varchar(100) not null,
    region       varchar(100),
    country      varchar(2)   not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    constraint customer_address_pk primary key (id),
    constraint customer_address_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint customer_address_customer_fk foreign key (customer_id) references customer (id),
    constraint customer_address_code_uk unique (customer_id, code),
    constraint customer_address_type_ck check (type in ('billing', 'shipping', 'other'))
);
create index customer_address_sync_idx on customer_address (tenant_id, updated_at, id);
create index customer_address_customer_idx on customer_address (customer_id, updated_at, id);

create table customer_contact_person (
    id           varchar(32)  not null,
    tenant_id    varchar(32)  not null,
    customer_id  varchar(32)  not null,
    code         varchar(64)  not null,
    name         varchar(200) not null,
    email        varchar(320),
    phone        varchar(32),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    constraint customer_contact_person_pk primary key (id),
    constraint customer_contact_person_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint customer_contact_person_customer_fk foreign key (customer_id) references customer (id),
    constraint customer_contact_person_code_uk unique (customer_id, code)
);
create index customer_contact_person_sync_idx on customer_contact_person (tenant_id, updated_at, id);
create index customer_contact_person_customer_idx on customer_contact_person (customer_id, updated_at, id);

/* [jooq ignore start] */
grant select, insert, update, delete on customer_address, customer_contact_person to hookline_app, hookline_worker;
alter table customer_address enable row level security;
create policy customer_address_tenant_isolation on customer_address
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table customer_contact_person enable row level security;
create policy customer_contact_person_tenant_isolation on customer_contact_person
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
