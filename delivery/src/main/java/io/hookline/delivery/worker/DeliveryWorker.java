package io.hookline.delivery.worker;

import io.hookline.delivery.queue.SendOrder;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.HandOff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The loop every node runs: claim a batch of due deliveries, hand each to a virtual thread,
 * repeat while there is work and capacity; otherwise sleep until a {@code NOTIFY} says new
 * work was committed, or until the next poll (retries fall due without a notification).
 * On shutdown it stops claiming and waits for in-flight attempts up to the lease (every
 * attempt ends within its webhook's timeout, at most 30 s, well inside the 60 s lease); one
 * still running after that is cut short and handed back as due, never recorded as the
 * receiver's failure. Anything still leased when the node dies is taken over by another node
 * once the lease runs out. About once a second the loop also sweeps what no attempt will end
 * by itself (see {@link Sweeper}). Deliveries of events published on this node skip the claim
 * when there is room for them: they are handed off on commit (see {@link HandOff}).
 */
@Component
public class DeliveryWorker implements SmartLifecycle, HandOff {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration JOIN = Duration.ofSeconds(30);

    private final DeliveryQueue queue;
    private final Sweeper sweeper;
    private final AttemptRunner runner;
    private final DeliveryTransport transport;
    private final DeliveryThrottle throttle;
    private final DeliveryProperties properties;
    private final DataSource dataSource;
    private final Semaphore capacity;
    private final int gatherThreshold;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicReference<QueueStats> stats = new AtomicReference<>(new QueueStats(0, 0, 0));
    /**
     * Requests in flight on this node per webhook, claimed and handed off alike. Counters, not a
     * map of counts: every attempt's start and end touch them, and a lock per change made 256
     * attempts on ten webhooks queue on each other. Idle ones are dropped about once a second.
     */
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private volatile boolean running;
    /** Whether the last claim took all it asked for (more is due than this node has room for). */
    private boolean backlog;
    /** Whether the loop is waiting for attempts to end before it claims again. */
    private volatile boolean waitingForRoom;
    /** Whether the loop, its last claim empty while work is due, waits for an attempt to end. */
    private volatile boolean waitingForCapped;

    private boolean subscribed;
    private volatile @Nullable ExecutorService attempts;
    private @Nullable Thread loop;
    private @Nullable Thread listener;

    private record QueueStats(long depth, double oldestDueSeconds, long readAtNanos) {}

    DeliveryWorker(
            DeliveryQueue queue,
            Sweeper sweeper,
            AttemptRunner runner,
            DeliveryTransport transport,
            DeliveryThrottle throttle,
            DeliveryProperties properties,
            DataSource dataSource,
            MeterRegistry meters) {
        this.queue = queue;
        this.sweeper = sweeper;
        this.runner = runner;
        this.transport = transport;
        this.throttle = throttle;
        this.properties = properties;
        this.dataSource = dataSource;
        this.capacity = new Semaphore(properties.concurrency());
        this.gatherThreshold = Math.max(1, Math.min(properties.batchSize(), properties.concurrency()) / 4);
        Gauge.builder(
                        "hookline.delivery.queue.depth",
                        this,
                        worker -> worker.queueStats().depth())
                .description("Deliveries due now and not yet claimed")
                .register(meters);
        Gauge.builder(
                        "hookline.delivery.oldest.due.seconds",
                        this,
                        worker -> worker.queueStats().oldestDueSeconds())
                .description("How long the oldest due delivery has waited")
                .register(meters);
        Gauge.builder(
                        "hookline.delivery.in.flight",
                        this,
                        worker -> properties.concurrency() - worker.capacity.availablePermits())
                .description("Requests in flight on this node")
                .register(meters);
    }

    @Override
    public void start() {
        if (properties.enabled() && !subscribed) {
            subscribed = true;
            queue.wakeUps().subscribe(this::wake);
            queue.handOffTo(this);
        }
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        attempts = Executors.newVirtualThreadPerTaskExecutor();
        loop = Thread.ofVirtual().name("delivery-worker").start(this::run);
        listener = Thread.ofVirtual().name("delivery-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        join(loop);
        // the listener sees running=false within one poll (500 ms); interrupting it would close
        // its pooled connection under the pool's feet and log it as broken
        ExecutorService executor = attempts;
        if (executor != null) {
            executor.shutdown();
            try {
                Duration drain = properties.lease();
                if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn(
                            "delivery attempts still running after {}; cutting them short and handing them back as due",
                            drain);
                    executor.shutdownNow();
                    executor.awaitTermination(JOIN.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        join(listener);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the pool go (higher phase stops first). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** Wakes the loop: new work was committed, or capacity came free. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void run() {
        long lastSweep = 0;
        while (running) {
            if (System.nanoTime() - lastSweep >= properties.sweepInterval().toNanos()) {
                lastSweep = System.nanoTime();
                try {
                    sweeper.sweep();
                    inFlight.values().removeIf(count -> count.get() == 0);
                } catch (RuntimeException e) {
                    log.warn("sweeping expired leases and overdue acknowledgements failed; trying again shortly", e);
                }
            }
            try {
                // set before looking, so an attempt that ends meanwhile wakes the loop
                waitingForRoom = true;
                if (!worthClaiming()) {
                    waitForWake();
                    continue;
                }
                waitingForRoom = false;
                int asked = Math.min(properties.batchSize(), capacity.availablePermits());
                List<Claim> claimed = claimOnce();
                backlog = !claimed.isEmpty() && claimed.size() >= asked;
                if (claimed.isEmpty()) {
                    // due work left out because its webhooks are at their in-flight cap is freed
                    // by the end of one of their attempts: then the next one that ends wakes the
                    // loop (asked only after an empty claim, so an idle loop is not kept claiming)
                    waitingForCapped = capacity.availablePermits() < properties.concurrency()
                            && runner.inWorkerTransaction(queue::anyDue);
                    waitForWake();
                    waitingForCapped = false;
                }
            } catch (RuntimeException e) {
                log.warn("claiming deliveries failed; retrying shortly", e);
                waitForWake();
            }
        }
    }

    /**
     * Whether a claim now would be worth its round trip. With no backlog every wake-up claims at
     * once (latency). While the last claim came back full there is more due work than capacity:
     * then the loop lets a quarter of the capacity come free before claiming again, so a busy node
     * claims in batches instead of one delivery per finished attempt, while the attempts still in
     * flight keep the receivers busy.
     */
    private boolean worthClaiming() {
        int free = capacity.availablePermits();
        if (free == 0) {
            return false;
        }
        int inFlight = properties.concurrency() - free;
        return !backlog || inFlight == 0 || free >= gatherThreshold;
    }

    /**
     * One step of the loop: claims as many due deliveries as there is free capacity for (up to
     * the batch size) and hands each to an attempt; returns what it claimed. While the loop runs,
     * attempts go to their virtual threads. On a node whose loop is not running (a test with
     * {@code hookline.delivery.enabled=false}) each attempt runs in the caller's thread, so the
     * claimed deliveries are settled when this returns: the queue can be driven one step at a
     * time, without waiting. Deliveries of a throttled webhook that finds no token go back to
     * the queue, due when one is (see {@link DeliveryThrottle}); they are among what it returns.
     */
    public List<Claim> claimOnce() {
        // room is taken before the claim, never after: a publish may take room meanwhile (a
        // hand-off), and claimed rows must not wait for it under their lease
        int wanted = Math.min(properties.batchSize(), capacity.availablePermits());
        int held = 0;
        while (held < wanted && capacity.tryAcquire()) {
            held++;
        }
        if (held == 0) {
            return List.of();
        }
        int room = held;
        int started = 0;
        try {
            List<Claim> claimed = runner.inWorkerTransaction(
                    () -> queue.claim(room, properties.perWebhookInFlight(), properties.lease()));
            DeliveryThrottle.Split split = throttle.split(claimed);
            if (!split.deferred().isEmpty()) {
                runner.inWorkerTransaction(() -> queue.defer(split.deferred()));
            }
            for (Claim claim : split.send()) {
                // taken here, one after another in the claim's order, so a webhook's Kafka records
                // reach the producer in event order however the attempts' threads are scheduled
                SendOrder.Turn turn = transport.turn(claim);
                counter(claim.webhookId()).incrementAndGet();
                ExecutorService executor = attempts;
                try {
                    if (executor == null) {
                        started++;
                        attempt(claim, turn);
                    } else {
                        executor.execute(() -> attempt(claim, turn));
                        started++;
                    }
                } catch (RejectedExecutionException e) {
                    turn.pass();
                    countDown(claim.webhookId());
                    throw e;
                }
            }
            return claimed;
        } finally {
            // the room of what was not started: deferred, not claimed, or left by a failure
            capacity.release(held - started);
        }
    }

    private void attempt(Claim claim, SendOrder.Turn turn) {
        try {
            runner.attempt(claim, turn);
        } catch (RuntimeException e) {
            log.error(
                    "delivery {} attempt failed unexpectedly; its lease will expire and it is retried",
                    claim.deliveryId(),
                    e);
        } finally {
            turn.pass();
            leave(claim.webhookId());
            if (waitingForCapped) {
                wake();
            }
        }
    }

    // --- hand-off on commit (see HandOff) ------------------------------------------------------

    @Override
    public Duration lease() {
        return properties.lease();
    }

    /**
     * Room for one more request now, to a webhook below its in-flight cap on this node. The claim
     * keeps the cap across the cluster (it counts every node's leased rows, these included); a
     * hand-off counts this node's requests only.
     */
    @Override
    public boolean reserve(String webhookId) {
        if (!running || attempts == null || !capacity.tryAcquire()) {
            return false;
        }
        AtomicInteger count = counter(webhookId);
        int now;
        do {
            now = count.get();
            if (now >= properties.perWebhookInFlight()) {
                capacity.release();
                return false;
            }
        } while (!count.compareAndSet(now, now + 1));
        return true;
    }

    private AtomicInteger counter(String webhookId) {
        AtomicInteger count = inFlight.get(webhookId);
        return count != null ? count : inFlight.computeIfAbsent(webhookId, id -> new AtomicInteger());
    }

    @Override
    public void cancel(List<String> webhookIds) {
        webhookIds.forEach(this::leave);
    }

    /**
     * Makes the handed-off deliveries' attempts, on virtual threads of the attempts'. If the
     * worker stopped meanwhile they go back to the queue, due now; if even that fails, their
     * lease runs out and they are claimed as any other.
     */
    @Override
    public void send(List<Claim> claims) {
        ExecutorService executor = attempts;
        if (running && executor != null) {
            try {
                executor.execute(() -> sendHandedOff(claims));
                return;
            } catch (RejectedExecutionException e) {
                // stopping: handed back below
            }
        }
        // on a thread of its own: this runs after the publishing transaction completed, whose
        // resources are still bound to this thread, and the hand-back needs a transaction of its own
        Thread.ofVirtual().name("delivery-hand-back").start(() -> {
            try {
                runner.inWorkerTransaction(() -> {
                    queue.handBack(claims.stream().map(Claim::deliveryId).toList());
                    return claims;
                });
                queue.wakeUps().signal();
            } catch (RuntimeException e) {
                log.warn("could not hand back deliveries; they are claimed again when their lease runs out", e);
            } finally {
                cancel(claims.stream().map(Claim::webhookId).toList());
            }
        });
    }

    private void sendHandedOff(List<Claim> claims) {
        DeliveryThrottle.Split split;
        try {
            split = throttle.split(claims);
        } catch (RuntimeException e) {
            log.warn("asking the rate limiter failed; these deliveries are claimed again when their lease runs out", e);
            claims.forEach(claim -> leave(claim.webhookId()));
            return;
        }
        if (!split.deferred().isEmpty()) {
            try {
                runner.inWorkerTransaction(() -> queue.defer(split.deferred()));
            } catch (RuntimeException e) {
                log.warn("deferring throttled deliveries failed; they are claimed again when their lease runs out", e);
            } finally {
                split.deferred().forEach(deferral -> leave(deferral.claim().webhookId()));
            }
        }
        List<Claim> send = split.send();
        ExecutorService executor = attempts;
        for (int i = 0; i < send.size(); i++) {
            Claim claim = send.get(i);
            // the last one in this thread: one thread start less for the usual single delivery
            if (i == send.size() - 1 || executor == null) {
                attempt(claim, SendOrder.Turn.ANY);
            } else {
                try {
                    executor.execute(() -> attempt(claim, SendOrder.Turn.ANY));
                } catch (RejectedExecutionException e) {
                    attempt(claim, SendOrder.Turn.ANY);
                }
            }
        }
    }

    /** One request to this webhook ended (or never started): its room is free again. */
    private void leave(String webhookId) {
        countDown(webhookId);
        capacity.release();
        if (waitingForRoom) {
            wake();
        }
    }

    private void countDown(String webhookId) {
        AtomicInteger count = inFlight.get(webhookId);
        if (count != null) {
            // never below zero: a counter dropped while idle and made anew can miss an increment
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    private void waitForWake() {
        try {
            if (wakeUps.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Holds one connection that LISTENs for commits of new deliveries (from any node). */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("listen hookline_deliveries");
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        wake();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("lost the delivery notification connection; falling back to polling until it is back", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Queue depth and oldest due age, read at most once every 5 s however often metrics are scraped. */
    private QueueStats queueStats() {
        QueueStats current = stats.get();
        long now = System.nanoTime();
        if (now - current.readAtNanos() < TimeUnit.SECONDS.toNanos(5) && current.readAtNanos() != 0) {
            return current;
        }
        try {
            io.hookline.domain.delivery.QueueStats row = runner.inWorkerTransaction(queue::stats);
            QueueStats fresh = new QueueStats(row.depth(), row.oldestDueSeconds(), now);
            stats.set(fresh);
            return fresh;
        } catch (RuntimeException e) {
            return current;
        }
    }

    private static void join(@Nullable Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
