-- Tenants: the registry of customer organisations. Not row-level secured: it is the
-- list the platform itself reads to authorise and limit callers.
create table tenant (
    id                    varchar(32)  not null,
    name                  varchar(200) not null,
    administration_code   varchar(32)  not null,
    rate_limit            integer      not null default 20,
    rate_window_seconds   integer      not null default 10,
    rate_cooldown_seconds integer      not null default 10,
    webhook_limit         integer      not null default 3,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now(),
    constraint tenant_pk primary key (id),
    constraint tenant_administration_code_uk unique (administration_code),
    constraint tenant_rate_limit_ck check (rate_limit between 1 and 100000),
    constraint tenant_rate_window_ck check (rate_window_seconds between 1 and 86400),
    constraint tenant_rate_cooldown_ck check (rate_cooldown_seconds between 0 and 86400),
    constraint tenant_webhook_limit_ck check (webhook_limit between 0 and 1000)
);

create table webhook (
    id                          varchar(32)   not null,
    tenant_id                   varchar(32)   not null,
    name                        varchar(200)  not null,
    url                         varchar(2048) not null,
    events                      varchar(100) array not null,
    sites                       varchar(32) array not null,
    filters                     jsonb         not null,
    enabled                     boolean       not null,
    headers                     jsonb         not null,
    timeout_seconds             integer       not null,
    retry_enabled               boolean       not null,
    retry_max_attempts          integer       not null,
    async_acknowledgement       boolean       not null,
    signature_scheme            varchar(20)   not null,
    secret_ciphertext           bytea         not null,
    secret_key_id               varchar(32)   not null,
    previous_secret_ciphertext  bytea,
    previous_secret_key_id      varchar(32),
    previous_secret_expires_at  timestamptz,
    disabled_reason             varchar(500),
    consecutive_failures        integer       not null default 0,
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null,
    constraint webhook_pk primary key (id),
    constraint webhook_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint webhook_timeout_ck check (timeout_seconds between 1 and 30),
    constraint webhook_max_attempts_ck check (retry_max_attempts between 1 and 10),
    constraint webhook_signature_scheme_ck check (signature_scheme in ('standard', 'x-secret', 'message-hash'))
);

create index webhook_tenant_idx on webhook (tenant_id, id);

/* [jooq ignore start] */
-- Runtime roles. hookline_app is what every API transaction runs as (SET LOCAL ROLE): not a
-- superuser, not the owner, no BYPASSRLS, so row-level security binds it. hookline_worker is
-- the delivery worker's role, which works across tenants by design.
do $$
begin
    if not exists (select from pg_roles where rolname = 'hookline_app') then
        create role hookline_app nologin nosuperuser nobypassrls;
    end if;
    if not exists (select from pg_roles where rolname = 'hookline_worker') then
        create role hookline_worker nologin nosuperuser bypassrls;
    end if;
end
$$;

grant usage on schema public to hookline_app, hookline_worker;
grant select, insert, update, delete on tenant, webhook to hookline_app, hookline_worker;
alter default privileges in schema public grant select, insert, update, delete on tables to hookline_app, hookline_worker;

alter table webhook enable row level security;
create policy webhook_tenant_isolation on webhook
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
