package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.WEBHOOK;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The worker's writes to webhooks: failure streaks and disabling. (Deliveries themselves move
 * only through {@link io.hookline.domain.delivery.DeliveryQueue}.) Every method runs inside a
 * short worker transaction opened by the caller.
 */
@Repository
class WebhookHealth {

    private final DSLContext dsl;

    WebhookHealth(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * A failure streak that a success ended. {@code announced}: a {@code webhook.failing} was
     * emitted for it, so a {@code webhook.recovered} closes it. {@code problemReported}: a person
     * was told of an exhausted delivery or a disable since it began, so they hear of the recovery.
     */
    record StreakEnd(
            String webhookId,
            String tenantId,
            String name,
            String url,
            boolean enabled,
            @Nullable OffsetDateTime failingSince,
            int failedAttempts,
            boolean announced,
            boolean problemReported) {}

    /**
     * Resets the streaks of webhooks that just succeeded and returns the streaks that ended, with
     * what the statement saw before the reset (the locked row), in the same round trip as before:
     * a webhook without a streak is neither written nor returned.
     */
    List<StreakEnd> resetStreaks(java.util.Collection<String> webhookIds) {
        if (webhookIds.isEmpty()) {
            return List.of();
        }
        return dsl.fetch("""
                        update webhook w set consecutive_failures = 0, failing_since = null
                          from (select id, consecutive_failures, failing_since, failing_announced_at from webhook
                                 where id = any(?) and consecutive_failures <> 0
                                 for no key update) old
                         where w.id = old.id
                        returning w.id, w.tenant_id, w.name, w.url, w.enabled, old.failing_since,
                                  old.consecutive_failures,
                                  coalesce(old.failing_announced_at >= old.failing_since, false) as announced,
                                  exists (select 1 from notification n
                                           where n.tenant_id = w.tenant_id and n.webhook_id = w.id
                                             and n.kind in ('webhook.disabled', 'delivery.exhausted')
                                             and n.last_occurred_at >= old.failing_since) as problem_reported
                        """, (Object) webhookIds.toArray(String[]::new))
                .map(row -> new StreakEnd(
                        row.get("id", String.class),
                        row.get("tenant_id", String.class),
                        row.get("name", String.class),
                        row.get("url", String.class),
                        row.get("enabled", Boolean.class),
                        row.get("failing_since", OffsetDateTime.class),
                        row.get("consecutive_failures", Integer.class),
                        row.get("announced", Boolean.class),
                        row.get("problem_reported", Boolean.class)));
    }

    /**
     * A webhook's streak after this batch's failures. {@code announce}: this statement marked it
     * announced, so the caller emits {@code webhook.failing}.
     */
    record Streak(
            String webhookId,
            String tenantId,
            String name,
            String url,
            int consecutiveFailures,
            OffsetDateTime failingSince,
            boolean announce) {}

    /**
     * Adds failed attempts to the webhooks' streaks and returns each webhook's streak so far. In
     * the same statement: a streak that starts gets its {@code failing_since}, and an enabled
     * webhook's streak not yet announced is marked announced now unless the last announcement is
     * less than {@code failingInterval} old (then a later failure of the same streak announces
     * it, once the interval has passed).
     */
    List<Streak> addFailures(java.util.Map<String, Integer> failures, Duration failingInterval) {
        if (failures.isEmpty()) {
            return List.of();
        }
        return dsl.fetch(
                        """
                        update webhook w set consecutive_failures = w.consecutive_failures + v.n,
                               failing_since = coalesce(w.failing_since, now()),
                               failing_announced_at = case
                                   when w.enabled
                                    and (w.failing_announced_at is null
                                         or (w.failing_announced_at < coalesce(w.failing_since, now())
                                             and w.failing_announced_at <= now() - make_interval(secs => ?)))
                                   then now() else w.failing_announced_at end
                          from unnest(?::varchar[], ?::int[]) as v(id, n)
                         where w.id = v.id
                        returning w.id, w.tenant_id, w.name, w.url, w.consecutive_failures, w.failing_since,
                                  w.failing_announced_at = now() as announce
                        """,
                        failingInterval.toMillis() / 1000.0,
                        failures.keySet().toArray(String[]::new),
                        failures.values().toArray(Integer[]::new))
                .map(row -> new Streak(
                        row.get("id", String.class),
                        row.get("tenant_id", String.class),
                        row.get("name", String.class),
                        row.get("url", String.class),
                        row.get("consecutive_failures", Integer.class),
                        row.get("failing_since", OffsetDateTime.class),
                        Boolean.TRUE.equals(row.get("announce", Boolean.class))));
    }

    /**
     * Disables an enabled webhook; returns false when it was already disabled or is gone. The
     * caller parks its pending deliveries in the same transaction.
     */
    boolean disable(String webhookId, String reason) {
        return dsl.update(WEBHOOK)
                        .set(WEBHOOK.ENABLED, false)
                        .set(WEBHOOK.DISABLED_REASON, reason)
                        .set(WEBHOOK.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(WEBHOOK.ID.eq(webhookId), WEBHOOK.ENABLED.isTrue())
                        .execute()
                == 1;
    }

    @Nullable
    Record webhookSummary(String webhookId) {
        return dsl.select(WEBHOOK.ID, WEBHOOK.NAME, WEBHOOK.URL, WEBHOOK.CONSECUTIVE_FAILURES, WEBHOOK.TENANT_ID)
                .from(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId))
                .fetchOne();
    }
}
