-- The outbox: one row per event, written in the same transaction as the change that caused it.
-- body is the envelope exactly as it is delivered.
create table event (
    id            varchar(32)  not null,
    tenant_id     varchar(32)  not null,
    type          varchar(100) not null,
    site_id       varchar(32),
    triggered_by  varchar(200),
    body          text         not null,
    created_at    timestamptz  not null,
    constraint event_pk primary key (id),
    constraint event_tenant_fk foreign key (tenant_id) references tenant (id)
);
create index event_tenant_idx on event (tenant_id, id);
create index event_tenant_type_idx on event (tenant_id, type, id);

-- Idempotency-Key of POST /v1/events: the first event published under a key, for 24 hours.
create table event_idempotency (
    tenant_id        varchar(32)  not null,
    idempotency_key  varchar(255) not null,
    event_id         varchar(32)  not null,
    expires_at       timestamptz  not null,
    constraint event_idempotency_pk primary key (tenant_id, idempotency_key),
    constraint event_idempotency_event_fk foreign key (event_id) references event (id)
);

-- One event for one webhook. lease_token fences settlement: a worker whose lease was taken
-- over cannot overwrite the newer owner's result.
create table delivery (
    id               varchar(32)  not null,
    tenant_id        varchar(32)  not null,
    webhook_id       varchar(32)  not null,
    event_id         varchar(32)  not null,
    event_type       varchar(100) not null,
    status           varchar(16)  not null,
    attempt_count    integer      not null default 0,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    lease_token      bigint       not null default 0,
    ack_token_hash   varchar(64),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint delivery_pk primary key (id),
    constraint delivery_webhook_fk foreign key (webhook_id) references webhook (id) on delete cascade,
    constraint delivery_event_fk foreign key (event_id) references event (id),
    constraint delivery_status_ck check (status in ('pending', 'delivering', 'waiting', 'succeeded', 'failed'))
);
create index delivery_due_idx on delivery (next_attempt_at) where status = 'pending';
-- delivery is a queue: rows change status within seconds. Vacuum and analyze it after 1 % of
-- changes instead of 20 %, so dead index entries and stale statistics do not pile up.
/* [jooq ignore start] */
alter table delivery set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01,
                          autovacuum_vacuum_cost_delay = 0);
/* [jooq ignore stop] */
create index delivery_lease_idx on delivery (lease_until) where status = 'delivering';
create index delivery_webhook_idx on delivery (tenant_id, webhook_id, id);
create unique index delivery_ack_idx on delivery (ack_token_hash);

create table delivery_attempt (
    id                varchar(32)   not null,
    tenant_id         varchar(32)   not null,
    delivery_id       varchar(32)   not null,
    number            integer       not null,
    started_at        timestamptz   not null,
    duration_ms       integer       not null,
    request_headers   jsonb         not null,
    response_status   integer,
    response_headers  jsonb,
    response_body     text,
    reason            varchar(1000),
    error             varchar(1000),
    constraint delivery_attempt_pk primary key (id),
    constraint delivery_attempt_delivery_fk foreign key (delivery_id) references delivery (id) on delete cascade
);
create index delivery_attempt_delivery_idx on delivery_attempt (delivery_id, number);
create index delivery_attempt_started_idx on delivery_attempt (started_at);

/* [jooq ignore start] */
grant select, insert, update, delete on event, event_idempotency, delivery, delivery_attempt to hookline_app, hookline_worker;

alter table event enable row level security;
create policy event_tenant_isolation on event
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table event_idempotency enable row level security;
create policy event_idempotency_tenant_isolation on event_idempotency
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table delivery enable row level security;
create policy delivery_tenant_isolation on delivery
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
alter table delivery_attempt enable row level security;
create policy delivery_attempt_tenant_isolation on delivery_attempt
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
/* [jooq ignore stop] */
