package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static io.hookline.domain.jooq.Tables.WEBHOOK;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The worker's SQL. Every method runs inside a short worker transaction opened by the caller. */
@Repository
class DeliveryStore {

    /**
     * Claims due deliveries and expired leases. Webhooks already at their in-flight cap (across
     * the cluster) are left out before the oldest due rows are taken, so a slow endpoint cannot
     * crowd out everyone else's work (a disabled webhook's deliveries are parked with no due
     * time, so they are not in the way either); the candidates are then ranked per tenant and
     * per webhook, so a batch takes the first due delivery of every tenant before the second of
     * any. Rows another worker holds are skipped, not waited for.
     */
    private static final String CLAIM = """
            with inflight as (
                select webhook_id, count(*) as n from delivery
                 where status = 'delivering' and lease_until >= now()
                 group by webhook_id
            ), due as (
                (select d.id, d.tenant_id, d.webhook_id, d.next_attempt_at as due_at from delivery d
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and d.webhook_id not in (select webhook_id from inflight where n >= ?)
                  order by d.next_attempt_at limit ?)
                union all
                (select d.id, d.tenant_id, d.webhook_id, d.lease_until as due_at from delivery d
                   join webhook w on w.id = d.webhook_id
                  where d.status = 'delivering' and d.lease_until < now()
                    and d.attempt_count < case when w.retry_enabled then w.retry_max_attempts else 1 end
                  order by d.lease_until limit ?)
            ), ranked as (
                select due.id, due.due_at, coalesce(i.n, 0) as busy,
                       row_number() over (partition by due.webhook_id order by due.due_at) as in_webhook,
                       row_number() over (partition by due.tenant_id order by due.due_at) as in_tenant
                  from due
                  join webhook w on w.id = due.webhook_id and w.enabled
                  left join inflight i on i.webhook_id = due.webhook_id
            ), allowed as (
                select id from ranked
                 where in_webhook <= ? - busy
                 order by in_tenant, due_at
                 limit ?
            ), locked as (
                select d.id from delivery d
                 where d.id in (select id from allowed)
                   and (d.status = 'pending' or (d.status = 'delivering' and d.lease_until < now()))
                 for update skip locked
            )
            update delivery d
               set status = 'delivering', lease_until = now() + make_interval(secs => ?),
                   lease_token = d.lease_token + 1, attempt_count = d.attempt_count + 1, updated_at = now()
              from locked
             where d.id = locked.id
            returning d.id
            """;

    private static final String DETAILS = """
            select d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.attempt_count, d.lease_token,
                   e.body, e.triggered_by, t.administration_code,
                   w.url, w.headers, w.timeout_seconds, w.retry_enabled, w.retry_max_attempts,
                   w.async_acknowledgement, w.signature_scheme, w.secret_ciphertext, w.secret_key_id,
                   w.previous_secret_ciphertext, w.previous_secret_key_id, w.previous_secret_expires_at
              from delivery d
              join event e on e.id = d.event_id
              join webhook w on w.id = d.webhook_id
              join tenant t on t.id = d.tenant_id
             where d.id = any(?)
            """;

    private final DSLContext dsl;

    DeliveryStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<Record> claim(int batch, int perWebhookCap, Duration lease) {
        // The due rows must be read in index order and the scan stopped at the limit. With a
        // burst of new rows the statistics lag behind and the planner would rather read every
        // due row through a bitmap and sort them — a full scan per claim. Not in this transaction.
        dsl.execute("select set_config('enable_bitmapscan', 'off', true)");
        List<String> ids = dsl.fetch(
                        CLAIM, perWebhookCap, batch * 4, batch, perWebhookCap, batch, lease.toMillis() / 1000.0)
                .getValues(0, String.class);
        return ids.isEmpty() ? List.of() : details(ids);
    }

    /** Re-claims one delivery now (the test endpoint), whatever its state, under a fresh lease. */
    List<Record> claimOne(String deliveryId, Duration lease) {
        List<String> ids = dsl.fetch("""
                        update delivery d
                           set status = 'delivering', lease_until = now() + make_interval(secs => ?),
                               lease_token = d.lease_token + 1, attempt_count = d.attempt_count + 1, updated_at = now()
                         where d.id = ?
                        returning d.id
                        """, lease.toMillis() / 1000.0, deliveryId).getValues(0, String.class);
        return ids.isEmpty() ? List.of() : details(ids);
    }

    private List<Record> details(List<String> ids) {
        return dsl.fetch(DETAILS, (Object) ids.toArray(String[]::new));
    }

    /** Records the hash of the async-acknowledgement token, before the request that carries it goes out. */
    boolean setAckToken(String deliveryId, long leaseToken, String tokenHash) {
        return dsl.update(DELIVERY)
                        .set(DELIVERY.ACK_TOKEN_HASH, tokenHash)
                        .where(DELIVERY.ID.eq(deliveryId), DELIVERY.LEASE_TOKEN.eq(leaseToken))
                        .execute()
                == 1;
    }

    /**
     * Applies many attempt results at once, each only if its worker still owns the delivery
     * (the lease token is the current one); returns the ids that were applied.
     */
    List<String> settleAll(List<Settler.Item> items) {
        String[] ids = items.stream().map(Settler.Item::deliveryId).toArray(String[]::new);
        Long[] tokens = items.stream().map(Settler.Item::leaseToken).toArray(Long[]::new);
        String[] statuses = items.stream().map(Settler.Item::status).toArray(String[]::new);
        String[] next = items.stream()
                .map(item -> item.nextAttemptAt() == null ? "" : String.valueOf(item.nextAttemptAt()))
                .toArray(String[]::new);
        Boolean[] released =
                items.stream().map(item -> item.kind() == Settler.Kind.RELEASED).toArray(Boolean[]::new);
        // A retry of a webhook disabled meanwhile is parked (no due time) like its other
        // deliveries, so it never sits at the head of the due index.
        return dsl.fetch("""
                        update delivery d
                           set status = v.status,
                               next_attempt_at = case when v.status = 'pending' and not w.enabled then null
                                                      else nullif(v.next_at, '')::timestamptz end,
                               attempt_count = d.attempt_count - case when v.released then 1 else 0 end,
                               lease_until = null, updated_at = now()
                          from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[])
                                 as v(id, token, status, next_at, released), webhook w
                         where d.id = v.id and d.lease_token = v.token and d.status = 'delivering'
                           and w.id = d.webhook_id
                        returning d.id
                        """, ids, tokens, statuses, next, released).getValues(0, String.class);
    }

    void insertAttempts(List<Settler.Item> items, java.util.function.Supplier<String> ids) {
        var insert = dsl.insertInto(
                DELIVERY_ATTEMPT,
                DELIVERY_ATTEMPT.ID,
                DELIVERY_ATTEMPT.TENANT_ID,
                DELIVERY_ATTEMPT.DELIVERY_ID,
                DELIVERY_ATTEMPT.NUMBER,
                DELIVERY_ATTEMPT.STARTED_AT,
                DELIVERY_ATTEMPT.DURATION_MS,
                DELIVERY_ATTEMPT.REQUEST_HEADERS,
                DELIVERY_ATTEMPT.RESPONSE_STATUS,
                DELIVERY_ATTEMPT.RESPONSE_HEADERS,
                DELIVERY_ATTEMPT.RESPONSE_BODY,
                DELIVERY_ATTEMPT.REASON,
                DELIVERY_ATTEMPT.ERROR);
        for (Settler.Item item : items) {
            var outcome = item.outcome();
            insert = insert.values(
                    ids.get(),
                    item.tenantId(),
                    item.deliveryId(),
                    item.attempt(),
                    item.startedAt(),
                    (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()),
                    JSONB.valueOf(item.requestHeaders()),
                    outcome.status(),
                    item.responseHeaders() == null ? null : JSONB.valueOf(item.responseHeaders()),
                    outcome.body(),
                    item.reason(),
                    outcome.error());
        }
        insert.execute();
    }

    void resetStreaks(java.util.Collection<String> webhookIds) {
        if (!webhookIds.isEmpty()) {
            dsl.update(WEBHOOK)
                    .set(WEBHOOK.CONSECUTIVE_FAILURES, 0)
                    .where(WEBHOOK.ID.in(webhookIds), WEBHOOK.CONSECUTIVE_FAILURES.ne(0))
                    .execute();
        }
    }

    /** Adds failed attempts to the webhooks' streaks; returns each webhook's streak so far. */
    List<Record> addFailures(java.util.Map<String, Integer> failures) {
        if (failures.isEmpty()) {
            return List.of();
        }
        return dsl.fetch(
                """
                update webhook w set consecutive_failures = w.consecutive_failures + v.n
                  from unnest(?::varchar[], ?::int[]) as v(id, n)
                 where w.id = v.id
                returning w.id, w.consecutive_failures
                """, failures.keySet().toArray(String[]::new), failures.values().toArray(Integer[]::new));
    }

    /**
     * Disables an enabled webhook and parks its pending deliveries (they keep their place and
     * resume when it is enabled again); returns false when it was already disabled or is gone.
     */
    boolean disable(String webhookId, String reason) {
        boolean disabled = dsl.update(WEBHOOK)
                        .set(WEBHOOK.ENABLED, false)
                        .set(WEBHOOK.DISABLED_REASON, reason)
                        .set(WEBHOOK.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(WEBHOOK.ID.eq(webhookId), WEBHOOK.ENABLED.isTrue())
                        .execute()
                == 1;
        if (disabled) {
            dsl.update(DELIVERY)
                    .set(DELIVERY.NEXT_ATTEMPT_AT, (OffsetDateTime) null)
                    .where(DELIVERY.WEBHOOK_ID.eq(webhookId), DELIVERY.STATUS.eq("pending"))
                    .execute();
        }
        return disabled;
    }

    @Nullable
    Record webhookSummary(String webhookId) {
        return dsl.select(WEBHOOK.ID, WEBHOOK.NAME, WEBHOOK.URL, WEBHOOK.CONSECUTIVE_FAILURES, WEBHOOK.TENANT_ID)
                .from(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId))
                .fetchOne();
    }

    /** Queue depth and the age in seconds of the oldest due delivery, for the metrics. */
    Record queueStats() {
        return dsl.fetchSingle("""
                select count(*) as depth,
                       coalesce(extract(epoch from now() - min(next_attempt_at)), 0) as oldest_due_seconds
                  from delivery where status = 'pending' and next_attempt_at <= now()
                """);
    }

    /**
     * Leases that ran out on a delivery that must not simply be sent again: its attempts are
     * used up (the worker sent it, then died or could not write the result) or its webhook was
     * disabled meanwhile. The claim leaves these alone; the sweep ends or parks them.
     */
    List<Record> expiredLeasesToSettle(int limit) {
        return dsl.fetch("""
                select d.id, d.tenant_id, d.webhook_id, d.attempt_count, w.enabled,
                       d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end as exhausted
                  from delivery d join webhook w on w.id = d.webhook_id
                 where d.status = 'delivering' and d.lease_until < now()
                   and (not w.enabled or d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end)
                 order by d.lease_until
                 limit ?
                   for update of d skip locked
                """, limit);
    }

    /** Waiting deliveries whose acknowledgement is overdue (their next_attempt_at is the deadline). */
    List<Record> overdueAcknowledgements(int limit) {
        return dsl.fetch("""
                select d.id, d.tenant_id, d.webhook_id, d.attempt_count, w.enabled,
                       d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end as exhausted
                  from delivery d join webhook w on w.id = d.webhook_id
                 where d.status = 'waiting' and d.next_attempt_at < now()
                 order by d.next_attempt_at
                 limit ?
                   for update of d skip locked
                """, limit);
    }

    /** Moves a swept delivery on: to {@code failed}, or back to {@code pending} at {@code next} (null = parked). */
    void moveSwept(String deliveryId, String status, @Nullable OffsetDateTime next) {
        dsl.update(DELIVERY)
                .set(DELIVERY.STATUS, status)
                .set(DELIVERY.NEXT_ATTEMPT_AT, next)
                .set(DELIVERY.LEASE_UNTIL, (OffsetDateTime) null)
                .set(DELIVERY.ACK_TOKEN_HASH, (String) null)
                .set(DELIVERY.LEASE_TOKEN, DELIVERY.LEASE_TOKEN.plus(1))
                .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(DELIVERY.ID.eq(deliveryId))
                .execute();
    }

    /** Logs an attempt that was sent but whose result never reached the database. */
    void insertUnrecordedAttempt(String attemptId, String tenantId, String deliveryId, int number, String error) {
        dsl.insertInto(DELIVERY_ATTEMPT)
                .set(DELIVERY_ATTEMPT.ID, attemptId)
                .set(DELIVERY_ATTEMPT.TENANT_ID, tenantId)
                .set(DELIVERY_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(DELIVERY_ATTEMPT.NUMBER, number)
                .set(DELIVERY_ATTEMPT.STARTED_AT, DSL.currentOffsetDateTime())
                .set(DELIVERY_ATTEMPT.DURATION_MS, 0)
                .set(DELIVERY_ATTEMPT.REQUEST_HEADERS, JSONB.valueOf("{}"))
                .set(DELIVERY_ATTEMPT.ERROR, error)
                .execute();
    }

    /** Puts a reason on a delivery's last attempt (an overdue acknowledgement). */
    void setLastAttemptReason(String deliveryId, String reason) {
        dsl.update(DELIVERY_ATTEMPT)
                .set(DELIVERY_ATTEMPT.REASON, reason)
                .where(DELIVERY_ATTEMPT.ID.eq(dsl.select(DSL.max(DELIVERY_ATTEMPT.ID))
                        .from(DELIVERY_ATTEMPT)
                        .where(DELIVERY_ATTEMPT.DELIVERY_ID.eq(deliveryId))))
                .execute();
    }
}
