-- Customers, the first commerce resource integrators sync. (tenant_id, updated_at, id) orders every list, so
-- "everything changed since" is a keyset scan; see ChangeClock for why it has no gaps.
create table customer (
    id          varchar(32)  not null,
    tenant_id   varchar(32)  not null,
    code        varchar(64)  not null,
    name        varchar(200) not null,
    email       varchar(320),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint customer_pk primary key (id),
    constraint customer_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint customer_code_uk unique (tenant_id, code)
);
create index customer_sync_idx on customer (tenant_id, updated_at, id);

/* [jooq ignore start] */
grant select, insert, update, delete on customer to hookline_app, hookline_worker;
alter table customer enable row level security;
create policy customer_tenant_isolation on customer
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
