package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.WEBHOOK;

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
