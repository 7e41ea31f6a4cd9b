-- Operational events and the notifications a person reads (docs/delivery.md, "Operational events
-- and notifications").

-- Where a tenant's notifications are e-mailed; empty = nobody (the portal still lists them).
alter table tenant add column notification_emails varchar(254) array not null default '{}';
alter table tenant add constraint tenant_notification_emails_ck check (cardinality(notification_emails) <= 10);

-- A webhook's failure streak: when it began (null while healthy, i.e. consecutive_failures = 0)
-- and when webhook.failing was last emitted for it. The streak was announced when
-- failing_announced_at >= failing_since; only an announced streak ends with webhook.recovered.
alter table webhook add column failing_since timestamptz;
alter table webhook add column failing_announced_at timestamptz;

-- What a person is told: one row per webhook and kind per window (hookline.notifications.interval),
-- later occurrences within the window counted on it. It is also the outbox of its e-mail,
-- written in the transaction of the change it reports and sent after commit by MailOutbox:
-- mail_state pending (mail_next_at = when to try, a claim moves it past the send), sent, none
-- (no address, or mail is off), failed (given up after hookline.notifications.mail-give-up-after).
-- webhook_id has no foreign key: the notice outlives a deleted webhook, with its name as it was.
create table notification (
    id                varchar(32)   not null,
    tenant_id         varchar(32)   not null,
    webhook_id        varchar(32)   not null,
    webhook_name      varchar(200)  not null,
    kind              varchar(32)   not null,
    detail            varchar(1000) not null,
    delivery_id       varchar(32),
    occurrences       integer       not null default 1,
    created_at        timestamptz   not null,
    last_occurred_at  timestamptz   not null,
    mail_state        varchar(16)   not null,
    mail_attempts     integer       not null default 0,
    mail_next_at      timestamptz,
    mail_error        varchar(500),
    mailed_at         timestamptz,
    constraint notification_pk primary key (id),
    constraint notification_tenant_fk foreign key (tenant_id) references tenant (id),
    constraint notification_kind_ck check (kind in ('webhook.disabled', 'delivery.exhausted', 'webhook.recovered')),
    constraint notification_mail_state_ck check (mail_state in ('pending', 'sent', 'none', 'failed')),
    constraint notification_occurrences_ck check (occurrences >= 1)
);
create index notification_tenant_idx on notification (tenant_id, id);
-- the window check: the newest notice of a webhook and kind
create index notification_webhook_kind_idx on notification (webhook_id, kind, id);
create index notification_mail_due_idx on notification (mail_next_at) where mail_state = 'pending';

-- How far each caller (the token's subject) has read the tenant's notifications: every
-- notification with an id up to read_up_to is read for them.
create table notification_read_mark (
    tenant_id   varchar(32)  not null,
    subject     varchar(200) not null,
    read_up_to  varchar(32)  not null,
    updated_at  timestamptz  not null,
    constraint notification_read_mark_pk primary key (tenant_id, subject),
    constraint notification_read_mark_tenant_fk foreign key (tenant_id) references tenant (id)
);

/* [jooq ignore start] */
grant select, insert, update, delete on notification, notification_read_mark to hookline_app, hookline_worker;

alter table notification enable row level security;
create policy notification_tenant_isolation on notification
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
create policy notification_worker_access on notification to hookline_worker using (true) with check (true);

alter table notification_read_mark enable row level security;
create policy notification_read_mark_tenant_isolation on notification_read_mark
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
create policy notification_read_mark_worker_access on notification_read_mark
    to hookline_worker using (true) with check (true);
/* [jooq ignore stop] */
