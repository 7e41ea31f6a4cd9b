package io.hookline.delivery.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open client (a Kafka producer, an AMQP connection) per webhook, made for one version of
 * its destination: a changed destination has another fingerprint and replaces it. At most
 * {@code maxEntries} are open (the least recently used is closed first) and one unused for
 * {@code idle} is closed, so memory stays bounded however many webhooks a node serves. Closing
 * happens off the caller's thread: a producer's close may wait on a dead broker.
 */
final class PublisherPool<T extends AutoCloseable> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublisherPool.class);
    private static final Executor CLOSER = Executors.newVirtualThreadPerTaskExecutor();

    /** How often a use also closes what has been idle; no timer thread needed. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private record Entry<T>(String fingerprint, T client, long[] lastUsedNanos) {}

    private final int maxEntries;
    private final Duration idle;
    private final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long lastSweepNanos = System.nanoTime();

    PublisherPool(int maxEntries, Duration idle) {
        this.maxEntries = maxEntries;
        this.idle = idle;
    }

    /** The client for this webhook and destination version, made by {@code open} if there is none. */
    T get(String webhookId, String fingerprint, Supplier<T> open) {
        List<T> retired = new ArrayList<>();
        T client;
        synchronized (this) {
            Entry<T> entry = entries.get(webhookId);
            if (entry != null && !entry.fingerprint().equals(fingerprint)) {
                entries.remove(webhookId);
                retired.add(entry.client());
                entry = null;
            }
            if (entry == null) {
                entry = new Entry<>(fingerprint, open.get(), new long[1]);
                entries.put(webhookId, entry);
                Iterator<Entry<T>> eldest = entries.values().iterator();
                while (entries.size() > maxEntries && eldest.hasNext()) {
                    retired.add(eldest.next().client());
                    eldest.remove();
                }
            }
            entry.lastUsedNanos()[0] = System.nanoTime();
            client = entry.client();
        }
        retired.forEach(PublisherPool::closeLater);
        boolean sweep;
        synchronized (this) {
            sweep = System.nanoTime() - lastSweepNanos > SWEEP_EVERY.toNanos();
            if (sweep) {
                lastSweepNanos = System.nanoTime();
            }
        }
        if (sweep) {
            closeIdle();
        }
        return client;
    }

    /** Drops this client if it is still the webhook's (it failed beyond repair); the next use opens another. */
    void discard(String webhookId, T client) {
        synchronized (this) {
            Entry<T> entry = entries.get(webhookId);
            if (entry == null || entry.client() != client) {
                return;
            }
            entries.remove(webhookId);
        }
        closeLater(client);
    }

    /** Closes the webhook's client, if any: its destination changed or it was deleted. */
    void evict(String webhookId) {
        Entry<T> entry;
        synchronized (this) {
            entry = entries.remove(webhookId);
        }
        if (entry != null) {
            closeLater(entry.client());
        }
    }

    /** Closes the clients unused for longer than the idle time. */
    void closeIdle() {
        long cutoff = System.nanoTime() - idle.toNanos();
        List<T> retired = new ArrayList<>();
        synchronized (this) {
            Iterator<Map.Entry<String, Entry<T>>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Entry<T> entry = it.next().getValue();
                if (entry.lastUsedNanos()[0] - cutoff < 0) {
                    retired.add(entry.client());
                    it.remove();
                }
            }
        }
        retired.forEach(PublisherPool::closeLater);
    }

    synchronized int size() {
        return entries.size();
    }

    private static void closeLater(AutoCloseable client) {
        CLOSER.execute(() -> {
            try {
                client.close();
            } catch (Exception e) {
                log.debug("closing a queue client failed", e);
            }
        });
    }

    @Override
    public void close() {
        List<T> all;
        synchronized (this) {
            all = entries.values().stream().map(Entry::client).toList();
            entries.clear();
        }
        all.forEach(PublisherPool::closeLater);
    }
}
