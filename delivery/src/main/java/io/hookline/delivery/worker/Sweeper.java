package io.hookline.delivery.worker;

import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.DeliveryStatus;
import io.hookline.domain.delivery.StatsTally;
import io.hookline.domain.delivery.SweptDelivery;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final DeliveryQueue queue;
    private final WorkerTransactions transactions;
    private final Settler settler;
    private final DeliveryProperties properties;
    private final RetrySchedule retries;
    private final OperationalEvents operational;

    Sweeper(
            DeliveryQueue queue,
            WorkerTransactions transactions,
            Settler settler,
            DeliveryProperties properties,
            OperationalEvents operational) {
        this.queue = queue;
        this.transactions = transactions;
        this.settler = settler;
        this.properties = properties;
        this.retries = new RetrySchedule(properties.retrySchedule());
        this.operational = operational;
    }

    /**
     * One sweep; returns how many deliveries it moved on. What it ends is counted in the
     * delivery statistics afterwards, in a transaction of its own: a sweep must end deliveries
     * even when nothing else can be written.
     */
    int sweep() {
        StatsTally tally = new StatsTally();
        try {
            int moved = endExpiredLeases(tally);
            List<SweptDelivery> failedAcknowledgements = new ArrayList<>();
            moved += transactions.inWorker(() -> failOverdueAcknowledgements(failedAcknowledgements));
            // the 202 was counted as a succeeded attempt when it came; only the delivery's end counts now
            OffsetDateTime now = queue.now();
            failedAcknowledgements.forEach(
                    row -> tally.finished(row.tenantId(), row.webhookId(), now, DeliveryStatus.FAILED));
            return moved;
        } finally {
            count(tally);
        }
    }

    private void count(StatsTally tally) {
        if (tally.isEmpty()) {
            return;
        }
        try {
            transactions.inWorker(() -> {
                queue.recordStats(tally);
                return true;
            });
        } catch (RuntimeException e) {
            log.warn("could not count the deliveries the sweep ended in the delivery statistics", e);
        }
    }

    /**
     * Ends or parks expired leases in one transaction, then logs the unrecorded attempts in
     * another: when the database refuses attempt rows (the very fault that left the lease to
     * expire), the deliveries still end.
     */
    private int endExpiredLeases(StatsTally tally) {
        List<SweptDelivery> failed = new ArrayList<>();
        int moved = transactions.inWorker(() -> {
            List<SweptDelivery> rows = queue.expiredLeasesToSettle(BATCH);
            for (SweptDelivery row : rows) {
                if (row.exhausted()) {
                    queue.moveSwept(row.deliveryId(), DeliveryStatus.FAILED, null);
                    failed.add(row);
                    operational.exhausted(exhausted(row, UNRECORDED));
                } else {
                    queue.moveSwept(row.deliveryId(), DeliveryStatus.PENDING, null);
                }
            }
            return rows.size();
        });
        OffsetDateTime now = queue.now();
        for (SweptDelivery row : failed) {
            // the attempt was sent, so it counts, with no duration and no class of its own
            tally.attempt(row.tenantId(), row.webhookId(), now, AttemptClass.OTHER, null)
                    .finished(row.tenantId(), row.webhookId(), now, DeliveryStatus.FAILED);
        }
        for (SweptDelivery row : failed) {
            String id = row.deliveryId();
            log.warn("delivery {} failed: its last attempt's result was never recorded", id);
            try {
                transactions.inWorker(() -> {
                    queue.recordUnrecordedAttempt(
                            Ids.next(IdPrefix.ATTEMPT), row.tenantId(), id, row.attempt(), UNRECORDED);
                    return true;
                });
            } catch (RuntimeException e) {
                log.warn("could not log the unrecorded attempt of delivery {}", id, e);
            }
        }
        return moved;
    }

    /** Moves overdue acknowledgements on; adds those that became {@code failed} to {@code failed}. */
    private int failOverdueAcknowledgements(List<SweptDelivery> failed) {
        List<SweptDelivery> rows = queue.overdueAcknowledgements(BATCH);
        Map<String, Integer> failures = new LinkedHashMap<>();
        String reason = "no acknowledgement within " + properties.acknowledgementTimeout();
        for (SweptDelivery row : rows) {
            String id = row.deliveryId();
            if (row.exhausted()) {
                queue.moveSwept(id, DeliveryStatus.FAILED, null);
                failed.add(row);
                operational.exhausted(exhausted(row, reason));
            } else {
                queue.moveSwept(
                        id,
                        DeliveryStatus.PENDING,
                        row.webhookEnabled() ? queue.now().plus(retries.delayBefore(row.attempt() + 1, null)) : null);
            }
            queue.setLastAttemptReason(id, reason);
            failures.merge(row.webhookId(), 1, Integer::sum);
        }
        Map<String, String> lastResults = new HashMap<>();
        failures.keySet().forEach(webhookId -> lastResults.put(webhookId, reason));
        settler.countFailures(failures, lastResults);
        return rows.size();
    }

    private static OperationalEvents.Exhausted exhausted(SweptDelivery row, String error) {
        return new OperationalEvents.Exhausted(
                row.tenantId(),
                row.webhookId(),
                row.deliveryId(),
                row.eventId(),
                row.eventType(),
                row.attempt(),
                null,
                error);
    }
}
