package io.hookline.domain.delivery;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the delivery workers that new work was committed. It is a hint, never the queue: the
 * rows are in the database, and every worker polls anyway.
 *
 * <p>A {@code NOTIFY} inside the publishing transaction would be simplest, but PostgreSQL
 * serialises the commits of every transaction that notified (they queue on one global lock and
 * each then waits for its WAL flush), which capped durable publishing at about one commit per
 * disk flush — 103 events/s with 64 clients on the benchmark machine. So the publishing
 * transaction only registers an after-commit callback: it wakes this node's workers directly,
 * and asks one background thread to send a single {@code NOTIFY} (its own short transaction,
 * without waiting for the disk) for the other nodes, coalescing every wake-up that arrives
 * while one is being sent.
 */
public class WorkerWakeUps implements DisposableBean {

    static final String CHANNEL = "hookline_deliveries";
    private static final Logger log = LoggerFactory.getLogger(WorkerWakeUps.class);
    private static final Object REGISTERED = new Object();

    private final @Nullable DataSource dataSource;
    private final List<Runnable> local = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean stopped;
    private volatile @Nullable Thread sender;

    /** @param dataSource where other nodes listen; null sends no {@code NOTIFY} (a single process, a test) */
    public WorkerWakeUps(@Nullable DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code wake} whenever work is committed on this node (a worker's wake-up; must be cheap). */
    public void subscribe(Runnable wake) {
        local.add(wake);
    }

    /** Wakes the workers once the current transaction commits (at once outside a transaction). */
    public void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            signal();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return; // one wake-up per transaction, however many deliveries it queued
        }
        TransactionSynchronizationManager.bindResource(this, REGISTERED);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WorkerWakeUps.this);
                if (status == STATUS_COMMITTED) {
                    signal();
                }
            }
        });
    }

    /** Wakes this node's workers now and the other nodes' shortly. */
    public void signal() {
        local.forEach(Runnable::run);
        if (dataSource == null || stopped) {
            return;
        }
        if (pending.compareAndSet(false, true)) {
            ensureSender();
            signal.release();
        }
    }

    private void ensureSender() {
        if (sender == null) {
            synchronized (this) {
                if (sender == null && !stopped) {
                    sender = Thread.ofVirtual().name("delivery-notify").start(this::send);
                }
            }
        }
    }

    private void send() {
        DataSource target = dataSource;
        while (!stopped && target != null) {
            try {
                if (!signal.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                pending.set(false);
                try (Connection connection = target.getConnection();
                        Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    statement.execute("set synchronous_commit = off");
                    statement.execute("notify " + CHANNEL);
                    statement.execute("reset synchronous_commit");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // other nodes poll; they find the work within their poll interval anyway
                log.debug("could not notify the other nodes' workers", e);
            }
        }
    }

    @Override
    public void destroy() {
        stopped = true;
        Thread current = sender;
        if (current != null) {
            current.interrupt();
        }
    }
}
