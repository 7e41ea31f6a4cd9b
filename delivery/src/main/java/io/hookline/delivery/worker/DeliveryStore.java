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
     * the cluster) and disabled webhooks are left out before the oldest due rows are taken, so
     * they cannot crowd out everyone else's work; the candidates are then ranked per tenant and
     * per webhook, so a batch takes the first due delivery of every tenant before the second of
     * any. Rows another worker holds are skipped, not waited for.
     */
    private static final String CLAIM = """
            with saturated as (
                select webhook_id from delivery
                 where status = 'delivering' and lease_until >= now()
                 group by webhook_id having count(*) >= ?
            ), due as (
                (select d.id, d.tenant_id, d.webhook_id, d.next_attempt_at as due_at
                   from delivery d join webhook w on w.id = d.webhook_id and w.enabled
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and d.webhook_id not in (select webhook_id from saturated)
                  order by d.next_attempt_at limit ?)
                union all
                (select id, tenant_id, webhook_id, lease_until as due_at from delivery
                  where status = 'delivering' and lease_until < now()
                  order by lease_until limit ?)
            ), ranked as (
                select due.id, due.webhook_id, due.due_at,
                       row_number() over (partition by due.webhook_id order by due.due_at) as in_webhook,
                       row_number() over (partition by due.tenant_id order by due.due_at) as in_tenant
                  from due
            ), allowed as (
                select r.id from ranked r
                 where r.in_webhook <= ? - (select count(*) from delivery x
                                             where x.webhook_id = r.webhook_id and x.status = 'delivering'
                                               and x.lease_until >= now())
                 order by r.in_tenant, r.due_at
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
     * Applies an attempt's result if this worker still owns the delivery (its lease token is
     * the current one); a worker whose lease was taken over changes nothing.
     */
    boolean settle(String deliveryId, long leaseToken, String status, @Nullable OffsetDateTime nextAttemptAt) {
        return dsl.update(DELIVERY)
                        .set(DELIVERY.STATUS, status)
                        .set(DELIVERY.NEXT_ATTEMPT_AT, nextAttemptAt)
                        .set(DELIVERY.LEASE_UNTIL, (OffsetDateTime) null)
                        .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(
                                DELIVERY.ID.eq(deliveryId),
                                DELIVERY.LEASE_TOKEN.eq(leaseToken),
                                DELIVERY.STATUS.eq("delivering"))
                        .execute()
                == 1;
    }

    void insertAttempt(
            String id,
            String tenantId,
            String deliveryId,
            int number,
            OffsetDateTime startedAt,
            long durationMillis,
            String requestHeaders,
            @Nullable Integer responseStatus,
            @Nullable String responseHeaders,
            @Nullable String responseBody,
            @Nullable String reason,
            @Nullable String error) {
        dsl.insertInto(DELIVERY_ATTEMPT)
                .set(DELIVERY_ATTEMPT.ID, id)
                .set(DELIVERY_ATTEMPT.TENANT_ID, tenantId)
                .set(DELIVERY_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(DELIVERY_ATTEMPT.NUMBER, number)
                .set(DELIVERY_ATTEMPT.STARTED_AT, startedAt)
                .set(DELIVERY_ATTEMPT.DURATION_MS, (int) Math.min(Integer.MAX_VALUE, durationMillis))
                .set(DELIVERY_ATTEMPT.REQUEST_HEADERS, JSONB.valueOf(requestHeaders))
                .set(DELIVERY_ATTEMPT.RESPONSE_STATUS, responseStatus)
                .set(DELIVERY_ATTEMPT.RESPONSE_HEADERS, responseHeaders == null ? null : JSONB.valueOf(responseHeaders))
                .set(DELIVERY_ATTEMPT.RESPONSE_BODY, responseBody)
                .set(DELIVERY_ATTEMPT.REASON, reason)
                .set(DELIVERY_ATTEMPT.ERROR, error)
                .execute();
    }

    void recordSuccess(String webhookId) {
        dsl.update(WEBHOOK)
                .set(WEBHOOK.CONSECUTIVE_FAILURES, 0)
                .where(WEBHOOK.ID.eq(webhookId), WEBHOOK.CONSECUTIVE_FAILURES.ne(0))
                .execute();
    }

    /** Counts a failed attempt; returns the streak so far, or null if the webhook is gone. */
    @Nullable
    Integer recordFailure(String webhookId) {
        return dsl.update(WEBHOOK)
                .set(WEBHOOK.CONSECUTIVE_FAILURES, WEBHOOK.CONSECUTIVE_FAILURES.plus(1))
                .where(WEBHOOK.ID.eq(webhookId))
                .returning(WEBHOOK.CONSECUTIVE_FAILURES)
                .fetchOne(WEBHOOK.CONSECUTIVE_FAILURES);
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

    /** Deletes up to {@code batch} attempts older than the retention; returns how many. */
    int deleteAttemptsBefore(OffsetDateTime cutoff, int batch) {
        return dsl.execute("""
                delete from delivery_attempt where id in (
                    select id from delivery_attempt where started_at < ? order by started_at limit ?)
                """, cutoff, batch);
    }
}
