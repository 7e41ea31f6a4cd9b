-- Sites (a tenant's storefronts), the users registered on each site, and price lists. Like
-- customers, every table is listed in (updated_at, id) order, so each has a sync index.
create table site (
    id                varchar(32)   not null,
    tenant_id         varchar(32)   not null,
    code              varchar(64)   not null,
    name              varchar(200)  not null,
    url               varchar(2048),
    default_currency  varchar(3),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    constraint site_pk primary key (id),
    constraint site_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint site_code_uk unique (tenant_id, code)
);
create index site_sync_idx on site (tenant_id, updated_at, id);

-- A user of one site. Users are listed per site, so the sync index leads with the site (it also
-- serves the foreign key). Deleting a site deletes its users first, one event each, so the
-- foreign key does not cascade.
create table site_user (
    id           varchar(32)   not null,
    tenant_id    varchar(32)   not null,
    site_id      varchar(32)   not null,
    email        varchar(320)  not null,
    name         varchar(200)  not null,
    status       varchar(16)   not null,
    approved_at  timestamptz,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    constraint site_user_pk primary key (id),
    constraint site_user_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint site_user_site_fk foreign key (site_id) references site (id),
    constraint site_user_status_ck check (status in ('pending', 'approved'))
);
create index site_user_sync_idx on site_user (site_id, updated_at, id);

create table price_list (
    id          varchar(32)   not null,
    tenant_id   varchar(32)   not null,
    code        varchar(64)   not null,
    name        varchar(200)  not null,
    currency    varchar(3)    not null,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    constraint price_list_pk primary key (id),
    constraint price_list_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint price_list_code_uk unique (tenant_id, code)
);
create index price_list_sync_idx on price_list (tenant_id, updated_at, id);

/* [jooq ignore start] */
-- An e-mail address is one user per site whatever its letter case (Jane@… and jane@… are the
-- same mailbox in practice); an expression index, which jOOQ's DDL replay cannot parse.
create unique index site_user_email_uk on site_user (site_id, lower(email));

grant select, insert, update, delete on site, site_user, price_list to hookline_app, hookline_worker;
alter table site enable row level security;
create policy site_tenant_isolation on site
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table site_user enable row level security;
create policy site_user_tenant_isolation on site_user
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table price_list enable row level security;
create policy price_list_tenant_isolation on price_list
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
