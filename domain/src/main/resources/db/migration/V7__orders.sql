-- Orders, their lines and payments. An order keeps the customer's id and code and each line the
-- item's id, code, name and unit price as they were when it was placed (no foreign keys to
-- customer or item), so deleting a customer or an item never rewrites order history.
create table sales_order (
    id                 varchar(32)   not null,
    tenant_id          varchar(32)   not null,
    seq                bigint        not null,
    number             varchar(32)   not null,
    customer_id        varchar(32)   not null,
    customer_code      varchar(64)   not null,
    site_id            varchar(32),
    status             varchar(32)   not null,
    requires_approval  boolean       not null,
    reference          varchar(100),
    currency           char(3)       not null,
    total_amount       numeric(19,4) not null,
    paid_amount        numeric(19,4) not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    constraint sales_order_pk primary key (id),
    constraint sales_order_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint sales_order_seq_uk unique (tenant_id, seq),
    constraint sales_order_paid_ck check (paid_amount >= 0 and paid_amount <= total_amount)
);
create index sales_order_sync_idx on sales_order (tenant_id, updated_at, id);
create index sales_order_customer_idx on sales_order (tenant_id, customer_id);

create table sales_order_item (
    id          varchar(32)   not null,
    tenant_id   varchar(32)   not null,
    order_id    varchar(32)   not null,
    position    integer       not null,
    item_id     varchar(32)   not null,
    item_code   varchar(64)   not null,
    name        varchar(200)  not null,
    quantity    integer       not null,
    unit_price  numeric(19,4) not null,
    status      varchar(32)   not null,
    updated_at  timestamptz   not null,
    constraint sales_order_item_pk primary key (id),
    constraint sales_order_item_order_fk foreign key (order_id) references sales_order (id),
    constraint sales_order_item_position_uk unique (order_id, position),
    constraint sales_order_item_quantity_ck check (quantity > 0)
);

create table payment (
    id           varchar(32)   not null,
    tenant_id    varchar(32)   not null,
    order_id     varchar(32)   not null,
    amount       numeric(19,4) not null,
    currency     char(3)       not null,
    reference    varchar(100),
    received_at  timestamptz   not null,
    constraint payment_pk primary key (id),
    constraint payment_order_fk foreign key (order_id) references sales_order (id),
    constraint payment_amount_ck check (amount > 0)
);
create index payment_order_idx on payment (tenant_id, order_id, received_at, id);

/* [jooq ignore start] */
grant select, insert, update, delete on sales_order, sales_order_item, payment to hookline_app, hookline_worker;
alter table sales_order enable row level security;
create policy sales_order_tenant_isolation on sales_order
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table sales_order_item enable row level security;
create policy sales_order_item_tenant_isolation on sales_order_item
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table payment enable row level security;
create policy payment_tenant_isolation on payment
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
