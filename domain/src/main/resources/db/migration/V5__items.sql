-- Items a tenant sells, with optional stock tracking. Money is numeric(19,4) plus an ISO 4217
-- currency; stock and its threshold are null when the item's stock is not tracked.
create table item (
    id                   varchar(32)   not null,
    tenant_id            varchar(32)   not null,
    code                 varchar(64)   not null,
    name                 varchar(200)  not null,
    description          varchar(2000),
    price_amount         numeric(19,4) not null,
    price_currency       char(3)       not null,
    stock                integer,
    low_stock_threshold  integer,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    constraint item_pk primary key (id),
    constraint item_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint item_code_uk unique (tenant_id, code),
    constraint item_stock_ck check (stock is null or stock >= 0),
    constraint item_threshold_ck check (low_stock_threshold is null or low_stock_threshold >= 0)
);
create index item_sync_idx on item (tenant_id, updated_at, id);

/* [jooq ignore start] */
grant select, insert, update, delete on item to hookline_app, hookline_worker;
alter table item enable row level security;
create policy item_tenant_isolation on item
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
