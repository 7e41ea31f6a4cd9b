package io.hookline.delivery.worker;

import io.hookline.tenancy.Ids;
import io.hookline.tenancy.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends what no receiver or worker will end by itself, so that every delivery reaches a final
 * state within its attempts:
 *
 * <ul>
 *   <li>a lease that ran out on a delivery whose attempts are used up — its last send happened
 *       but its result was never written (the node died, or the database refused the result) —
 *       becomes {@code failed} with an attempt that says so, instead of being sent once more
 *       every lease for ever;
 *   <li>a lease that ran out under a webhook disabled meanwhile is parked with its webhook's
 *       other deliveries;
 *   <li>a {@code waiting} delivery whose acknowledgement did not come within
 *       {@code hookline.delivery.acknowledgement-timeout} counts as a failed attempt: retried on
 *       the schedule, or failed when its attempts are used up.
 * </ul>
 *
 * Every node sweeps about once a second; rows are locked with {@code SKIP LOCKED}, so nodes
 * never sweep the same row twice.
 */
@Component
class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private static final int BATCH = 100;
    static final String UNRECORDED =
            "no result was recorded for this attempt before its lease ran out (the worker stopped or could not write it)";

    private final DeliveryStore store;
    private final WorkerTransactions transactions;
    private final Settler settler;
    private final DeliveryProperties properties;
    private final RetrySchedule retries;

    Sweeper(DeliveryStore store, WorkerTransactions transactions, Settler settler, DeliveryProperties properties) {
        this.store = store;
        this.transactions = transactions;
        this.settler = settler;
        this.properties = properties;
        this.retries = new RetrySchedule(properties.retrySchedule());
    }

    /** One sweep; returns how many deliveries it moved on. */
    int sweep() {
        int moved = endExpiredLeases();
        moved += transactions.inWorker(this::failOverdueAcknowledgements);
        return moved;
    }

    /**
     * Ends or parks expired leases in one transaction, then logs the unrecorded attempts in
     * another: when the database refuses attempt rows (the very fault that left the lease to
     * expire), the deliveries still end.
     */
    private int endExpiredLeases() {
        List<Record> failed = new ArrayList<>();
        int moved = transactions.inWorker(() -> {
            List<Record> rows = store.expiredLeasesToSettle(BATCH);
            for (Record row : rows) {
                String id = row.get("id", String.class);
                if (row.get("exhausted", Boolean.class)) {
                    store.moveSwept(id, "failed", null);
                    failed.add(row);
                } else {
                    store.moveSwept(id, "pending", null);
                }
            }
            return rows.size();
        });
        for (Record row : failed) {
            String id = row.get("id", String.class);
            log.warn("delivery {} failed: its last attempt's result was never recorded", id);
            try {
                transactions.inWorker(() -> {
                    store.insertUnrecordedAttempt(
                            Ids.next("att"),
                            row.get("tenant_id", String.class),
                            id,
                            row.get("attempt_count", Integer.class),
                            UNRECORDED);
                    return true;
                });
            } catch (RuntimeException e) {
                log.warn("could not log the unrecorded attempt of delivery {}", id, e);
            }
        }
        return moved;
    }

    private int failOverdueAcknowledgements() {
        List<Record> rows = store.overdueAcknowledgements(BATCH);
        Map<String, Integer> failures = new LinkedHashMap<>();
        Map<String, String> tenants = new HashMap<>();
        String reason = "no acknowledgement within " + properties.acknowledgementTimeout();
        for (Record row : rows) {
            String id = row.get("id", String.class);
            int attempt = row.get("attempt_count", Integer.class);
            if (row.get("exhausted", Boolean.class)) {
                store.moveSwept(id, "failed", null);
            } else {
                store.moveSwept(
                        id,
                        "pending",
                        row.get("enabled", Boolean.class)
                                ? Timestamps.now().plus(retries.delayBefore(attempt + 1, null))
                                : null);
            }
            store.setLastAttemptReason(id, reason);
            String webhookId = row.get("webhook_id", String.class);
            failures.merge(webhookId, 1, Integer::sum);
            tenants.put(webhookId, row.get("tenant_id", String.class));
        }
        settler.countFailures(failures, tenants, reason);
        return rows.size();
    }
}
