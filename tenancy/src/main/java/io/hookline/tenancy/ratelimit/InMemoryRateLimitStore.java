package io.hookline.tenancy.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this node's memory. Buckets idle for longer than {@code idleAfter} (by then they
 * are full again, so forgetting them changes nothing) are swept out, so many client addresses
 * cannot grow the map without bound.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private record Entry(Bucket bucket, long lastUsedNanos) {}

    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final long idleNanos;
    private volatile long nextSweepNanos;

    public InMemoryRateLimitStore() {
        this(Duration.ofHours(1));
    }

    public InMemoryRateLimitStore(Duration idleAfter) {
        this.idleNanos = idleAfter.toNanos();
        this.nextSweepNanos = System.nanoTime() + idleNanos;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        long now = System.nanoTime();
        sweep(now);
        return buckets.compute(
                        key, (k, entry) -> new Entry(entry == null ? create(configuration) : entry.bucket(), now))
                .bucket();
    }

    private static Bucket create(BucketConfiguration configuration) {
        var builder = Bucket.builder();
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    private void sweep(long now) {
        if (now - nextSweepNanos < 0) {
            return;
        }
        nextSweepNanos = now + idleNanos;
        buckets.entrySet().removeIf(entry -> now - entry.getValue().lastUsedNanos() > idleNanos);
    }

    int size() {
        return buckets.size();
    }
}
