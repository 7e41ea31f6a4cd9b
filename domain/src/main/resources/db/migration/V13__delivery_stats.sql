-- Delivery statistics, pre-aggregated per webhook and hour, so GET /v1/webhooks/{id}/stats and
-- GET /v1/stats read at most a few hundred small rows whatever the size of the attempt log.
-- The worker's settlement adds each batch to these rows in one statement (DeliveryQueue.recordStats);
-- nothing else writes them but retention. Counts are of attempts by how they ended, and of
-- deliveries that reached a final status. latency_histogram counts attempts by duration in the
-- fixed log-scale bins of io.hookline.domain.delivery.LatencyHistogram (62 bins, four per
-- doubling), so percentiles of any window come from adding histograms element-wise.
-- No foreign key to webhook: a deleted webhook's traffic stays in the tenant's figures until
-- retention removes it.
create table delivery_stats (
    tenant_id             varchar(32)  not null,
    webhook_id            varchar(32)  not null,
    bucket_start          timestamptz  not null,
    attempts_succeeded    bigint       not null default 0,
    attempts_timeout      bigint       not null default 0,
    attempts_connection   bigint       not null default 0,
    attempts_4xx          bigint       not null default 0,
    attempts_5xx          bigint       not null default 0,
    attempts_other        bigint       not null default 0,
    deliveries_succeeded  bigint       not null default 0,
    deliveries_failed     bigint       not null default 0,
    latency_histogram     bigint array not null,
    constraint delivery_stats_pk primary key (tenant_id, webhook_id, bucket_start),
    constraint delivery_stats_tenant_fk foreign key (tenant_id) references tenant (id)
);
-- retention removes rows by their hour, oldest first; bucket_start never changes, so the
-- settlement's updates stay HOT and never touch this index
create index delivery_stats_bucket_idx on delivery_stats (bucket_start);

/* [jooq ignore start] */
alter table delivery_stats add constraint delivery_stats_histogram_ck check (cardinality(latency_histogram) = 62);
alter table delivery_stats add constraint delivery_stats_hour_ck
    check (bucket_start = date_trunc('hour', bucket_start, 'UTC'));
-- A row is updated by every settlement batch of its webhook's hour: room on the page for the
-- new versions keeps those updates HOT, and vacuum comes early for the dead ones.
alter table delivery_stats set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05,
                                autovacuum_analyze_scale_factor = 0.05);

-- Read by tenants (row-level security binds them to their own rows), written only by the
-- worker: hookline_app may not change a figure.
revoke all on delivery_stats from hookline_app, hookline_worker;
grant select on delivery_stats to hookline_app;
grant select, insert, update, delete on delivery_stats to hookline_worker;

alter table delivery_stats enable row level security;
create policy delivery_stats_tenant_isolation on delivery_stats
    using (tenant_id = current_setting('hookline.tenant_id', true))
    with check (tenant_id = current_setting('hookline.tenant_id', true));
create policy delivery_stats_worker_access on delivery_stats to hookline_worker using (true) with check (true);
/* [jooq ignore stop] */
