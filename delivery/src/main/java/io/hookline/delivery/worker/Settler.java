package io.hookline.delivery.worker;

import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.delivery.notify.NotificationProperties;
import io.hookline.domain.delivery.AttemptRecord;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.DeliveryStatus;
import io.hookline.domain.delivery.Settlement;
import io.hookline.domain.delivery.StatsTally;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records attempt results in batches: every result that finished while the previous batch was
 * being written goes into one short transaction (deliveries moved on behind their fencing
 * tokens, attempts inserted, the delivery statistics added to, failure streaks counted). One commit per batch instead of one per
 * delivery is what lets a node record thousands of attempts a second. Each attempt waits for
 * its own result to be written before its worker slot is freed.
 */
@Component
class Settler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Settler.class);
    private static final int MAX_BATCH = 500;

    /** How an attempt ended, for the webhook's failure streak. */
    enum Kind {
        SUCCESS,
        FAILURE,
        GONE,
        /** Cut short by this node's shutdown: no attempt is recorded and the delivery is due again at once. */
        RELEASED
    }

    /** One attempt's result, to be written: the claim it was made under and how it ended. */
    record Item(
            Claim claim,
            OffsetDateTime startedAt,
            WebhookHttpClient.Outcome outcome,
            String requestHeaders,
            @Nullable String responseHeaders,
            @Nullable String reason,
            DeliveryStatus status,
            @Nullable OffsetDateTime nextAttemptAt,
            Kind kind,
            CompletableFuture<Boolean> applied) {

        /** The delivery handed back due {@code now}, its attempt given back. */
        static Item release(
                Claim claim, OffsetDateTime startedAt, WebhookHttpClient.Outcome outcome, OffsetDateTime now) {
            return new Item(
                    claim,
                    startedAt,
                    outcome,
                    "{}",
                    null,
                    null,
                    DeliveryStatus.PENDING,
                    now,
                    Kind.RELEASED,
                    new CompletableFuture<>());
        }

        String deliveryId() {
            return claim.deliveryId();
        }

        String tenantId() {
            return claim.tenantId();
        }

        String webhookId() {
            return claim.webhookId();
        }

        int attempt() {
            return claim.attempt();
        }

        /** How the delivery moves on. */
        Settlement settlement() {
            return new Settlement(claim.deliveryId(), claim.leaseToken(), status, nextAttemptAt, kind == Kind.RELEASED);
        }

        AttemptRecord attemptRecord(String id) {
            return new AttemptRecord(
                    id,
                    claim.tenantId(),
                    claim.deliveryId(),
                    claim.attempt(),
                    startedAt,
                    (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()),
                    requestHeaders,
                    outcome.status(),
                    responseHeaders,
                    outcome.body(),
                    reason,
                    outcome.error());
        }

        /**
         * The same result without anything the receiver sent: written when the full result
         * could not be, so the delivery still moves on and the log says why.
         */
        Item bare(RuntimeException failure) {
            var bareOutcome = new WebhookHttpClient.Outcome(
                    outcome.status(),
                    java.util.Map.of(),
                    null,
                    outcome.durationMillis(),
                    "the attempt's result could not be recorded in full ("
                            + failure.getClass().getSimpleName() + ")",
                    outcome.attemptClass());
            return new Item(claim, startedAt, bareOutcome, "{}", null, null, status, nextAttemptAt, kind, applied);
        }
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final DeliveryQueue deliveries;
    private final WebhookHealth health;
    private final WorkerTransactions transactions;
    private final OperationalEvents operational;
    private final DeliveryProperties properties;
    private final NotificationProperties notifications;
    private volatile boolean running;
    private @Nullable Thread thread;

    Settler(
            DeliveryQueue deliveries,
            WebhookHealth health,
            WorkerTransactions transactions,
            OperationalEvents operational,
            DeliveryProperties properties,
            NotificationProperties notifications) {
        this.deliveries = deliveries;
        this.health = health;
        this.transactions = transactions;
        this.operational = operational;
        this.properties = properties;
        this.notifications = notifications;
    }

    /** Queues a result; the future completes with whether it was applied (false: another worker owns the delivery now). */
    CompletableFuture<Boolean> submit(Item item) {
        queue.add(item);
        if (!running) {
            drain();
        }
        return item.applied();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("delivery-settler").start(() -> {
            while (running || !queue.isEmpty()) {
                try {
                    Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        List<Item> batch = new ArrayList<>();
                        batch.add(first);
                        queue.drainTo(batch, MAX_BATCH - 1);
                        write(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /** Stops after the worker (lower phase stops later), writing whatever is still queued. */
    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private synchronized void drain() {
        List<Item> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    private void write(List<Item> batch) {
        try {
            Set<String> applied = transactions.inWorker(() -> apply(batch));
            batch.forEach(item -> item.applied().complete(applied.contains(item.deliveryId())));
        } catch (RuntimeException batchFailure) {
            log.warn("writing {} attempt results together failed; writing them one by one", batch.size(), batchFailure);
            for (Item item : batch) {
                try {
                    Set<String> applied = transactions.inWorker(() -> apply(List.of(item)));
                    item.applied().complete(applied.contains(item.deliveryId()));
                } catch (RuntimeException e) {
                    writeBare(item, e);
                }
            }
        }
    }

    /**
     * Last resort for a result the database refused: record the attempt without the receiver's
     * response, so the delivery still follows its retry schedule instead of being sent again
     * at every lease expiry; and, should the statistics be what the database refuses, without
     * counting it. If even that fails, the lease runs out and the sweep ends the delivery once
     * its attempts are used up.
     */
    private void writeBare(Item item, RuntimeException cause) {
        log.warn(
                "the result of attempt {} of delivery {} could not be written; recording it without the response",
                item.attempt(),
                item.deliveryId(),
                cause);
        Item bare = item.bare(cause);
        try {
            Set<String> applied = transactions.inWorker(() -> apply(List.of(bare)));
            item.applied().complete(applied.contains(item.deliveryId()));
        } catch (RuntimeException e) {
            try {
                Set<String> applied = transactions.inWorker(() -> apply(List.of(bare), false));
                log.warn(
                        "attempt {} of delivery {} was recorded but not counted", item.attempt(), item.deliveryId(), e);
                item.applied().complete(applied.contains(item.deliveryId()));
            } catch (RuntimeException last) {
                item.applied().completeExceptionally(last);
            }
        }
    }

    private Set<String> apply(List<Item> batch) {
        return apply(batch, true);
    }

    private Set<String> apply(List<Item> batch, boolean counted) {
        Set<String> applied = new HashSet<>(
                deliveries.settle(batch.stream().map(Item::settlement).toList()));
        List<Item> kept = batch.stream()
                .filter(item -> applied.contains(item.deliveryId()) && item.kind() != Kind.RELEASED)
                .toList();
        if (kept.isEmpty()) {
            return applied;
        }
        deliveries.recordAttempts(kept.stream()
                .map(item -> item.attemptRecord(Ids.next(IdPrefix.ATTEMPT)))
                .toList());
        if (counted) {
            deliveries.recordStats(tally(kept));
        }
        Set<String> succeeded = new HashSet<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        Map<String, String> lastResults = new HashMap<>();
        for (Item item : kept) {
            switch (item.kind()) {
                case SUCCESS -> succeeded.add(item.webhookId());
                case FAILURE -> {
                    failures.merge(item.webhookId(), 1, Integer::sum);
                    lastResults.put(item.webhookId(), lastResult(item));
                }
                case GONE -> disable(item, "the endpoint answered 410 Gone");
                case RELEASED -> {
                    // filtered out above
                }
            }
        }
        // the streak transitions come back from the statements that move the streaks; only a
        // transition costs more (its event and notice), never an ordinary attempt
        health.resetStreaks(succeeded).forEach(operational::recovered);
        countFailures(failures, lastResults);
        for (Item item : kept) {
            if (item.status() == DeliveryStatus.FAILED && item.kind() == Kind.FAILURE) {
                operational.exhausted(new OperationalEvents.Exhausted(
                        item.tenantId(),
                        item.webhookId(),
                        item.deliveryId(),
                        item.claim().eventId(),
                        item.claim().eventType(),
                        item.attempt(),
                        item.outcome().status(),
                        item.outcome().error()));
            }
        }
        return applied;
    }

    /**
     * The batch's statistics, added up in memory so the whole batch costs one statement: each
     * attempt in the hour it started, and each delivery it finished in the same hour.
     */
    private static StatsTally tally(List<Item> recorded) {
        StatsTally tally = new StatsTally();
        for (Item item : recorded) {
            WebhookHttpClient.Outcome outcome = item.outcome();
            tally.attempt(
                    item.tenantId(),
                    item.webhookId(),
                    item.startedAt(),
                    outcome.attemptClass(),
                    outcome.durationMillis());
            if (item.status().isFinal()) {
                tally.finished(item.tenantId(), item.webhookId(), item.startedAt(), item.status());
            }
        }
        return tally;
    }

    private void disable(Item last, String reason) {
        disable(last.tenantId(), last.webhookId(), reason, lastResult(last));
    }

    private static String lastResult(Item item) {
        return item.outcome().status() != null
                ? "HTTP " + item.outcome().status()
                : String.valueOf(item.outcome().error());
    }

    /**
     * Disables the webhook (once), tells the tenant's other webhooks and a person; joins the
     * caller's worker transaction.
     */
    void disable(String tenantId, String webhookId, String reason, String lastResult) {
        if (!health.disable(webhookId, reason)) {
            return;
        }
        // its pending deliveries keep their place and resume when it is enabled again
        deliveries.park(new TenantId(tenantId), webhookId);
        Record summary = health.webhookSummary(webhookId);
        if (summary == null) {
            return;
        }
        operational.disabled(
                tenantId,
                webhookId,
                summary.get("name", String.class),
                summary.get("url", String.class),
                reason,
                summary.get("consecutive_failures", Integer.class));
        log.warn("webhook {} of tenant {} disabled: {} (last attempt: {})", webhookId, tenantId, reason, lastResult);
    }

    /**
     * Adds failed attempts to the webhooks' streaks and disables those that reached the
     * threshold; in a worker transaction. {@code lastResults} is keyed by webhook id, like
     * {@code failures}.
     */
    void countFailures(Map<String, Integer> failures, Map<String, String> lastResults) {
        for (WebhookHealth.Streak streak : health.addFailures(failures, notifications.failingInterval())) {
            if (streak.announce()) {
                operational.failing(streak, lastResults.getOrDefault(streak.webhookId(), "unknown"));
            }
            int count = streak.consecutiveFailures();
            if (count >= properties.disableAfterFailures()) {
                String webhookId = streak.webhookId();
                disable(
                        streak.tenantId(),
                        webhookId,
                        count + " consecutive failed attempts",
                        lastResults.getOrDefault(webhookId, "unknown"));
            }
        }
    }
}
