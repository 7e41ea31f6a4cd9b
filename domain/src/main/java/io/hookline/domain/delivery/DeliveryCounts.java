package io.hookline.domain.delivery;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a set of attempts and deliveries came to: attempts by {@link AttemptClass}, deliveries
 * that reached {@code succeeded} or {@code failed}, and the attempts' {@link LatencyHistogram}.
 * One row of {@code delivery_stats} (a webhook's hour) is one; any window of them adds up into
 * another with {@link #add}. Mutable; not shared between threads.
 */
public final class DeliveryCounts {

    private static final AttemptClass[] CLASSES = AttemptClass.values();

    private final long[] attempts = new long[CLASSES.length];
    private long deliveriesSucceeded;
    private long deliveriesFailed;
    private final LatencyHistogram latency;

    public DeliveryCounts() {
        this.latency = new LatencyHistogram();
    }

    private DeliveryCounts(LatencyHistogram latency) {
        this.latency = latency;
    }

    /** The counts of a stored row. */
    public static DeliveryCounts of(
            long succeeded,
            long timeout,
            long connection,
            long http4xx,
            long http5xx,
            long other,
            long deliveriesSucceeded,
            long deliveriesFailed,
            long[] latencyHistogram) {
        DeliveryCounts counts = new DeliveryCounts(LatencyHistogram.of(latencyHistogram));
        counts.attempts[AttemptClass.SUCCEEDED.ordinal()] = succeeded;
        counts.attempts[AttemptClass.TIMEOUT.ordinal()] = timeout;
        counts.attempts[AttemptClass.CONNECTION.ordinal()] = connection;
        counts.attempts[AttemptClass.HTTP_4XX.ordinal()] = http4xx;
        counts.attempts[AttemptClass.HTTP_5XX.ordinal()] = http5xx;
        counts.attempts[AttemptClass.OTHER.ordinal()] = other;
        counts.deliveriesSucceeded = deliveriesSucceeded;
        counts.deliveriesFailed = deliveriesFailed;
        return counts;
    }

    /**
     * Counts one attempt; its duration goes into the histogram when it was measured (an attempt
     * whose result was never recorded has none).
     */
    public DeliveryCounts countAttempt(AttemptClass outcome, @Nullable Long latencyMillis) {
        attempts[outcome.ordinal()]++;
        if (latencyMillis != null) {
            latency.record(latencyMillis);
        }
        return this;
    }

    /** Counts a delivery that reached a final status. */
    public DeliveryCounts countFinished(DeliveryStatus status) {
        switch (status) {
            case SUCCEEDED -> deliveriesSucceeded++;
            case FAILED -> deliveriesFailed++;
            default -> throw new IllegalArgumentException("a delivery finishes succeeded or failed, not " + status);
        }
        return this;
    }

    /** Adds another set's counts to this one's. */
    public DeliveryCounts add(DeliveryCounts other) {
        for (int i = 0; i < attempts.length; i++) {
            attempts[i] += other.attempts[i];
        }
        deliveriesSucceeded += other.deliveriesSucceeded;
        deliveriesFailed += other.deliveriesFailed;
        latency.add(other.latency);
        return this;
    }

    /** Every attempt, whatever its class. */
    public long attempts() {
        return Arrays.stream(attempts).sum();
    }

    public long attempts(AttemptClass outcome) {
        return attempts[outcome.ordinal()];
    }

    public long deliveriesSucceeded() {
        return deliveriesSucceeded;
    }

    public long deliveriesFailed() {
        return deliveriesFailed;
    }

    /** The attempts' durations (the histogram itself, not a copy). */
    public LatencyHistogram latency() {
        return latency;
    }

    /** Succeeded attempts over all attempts, rounded to four decimals; null when there were none. */
    public @Nullable Double successRate() {
        long all = attempts();
        if (all == 0) {
            return null;
        }
        return Math.round(10_000.0 * attempts(AttemptClass.SUCCEEDED) / all) / 10_000.0;
    }

    /** Whether nothing was counted. */
    public boolean isEmpty() {
        return attempts() == 0 && deliveriesSucceeded == 0 && deliveriesFailed == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryCounts counts
                && Arrays.equals(attempts, counts.attempts)
                && deliveriesSucceeded == counts.deliveriesSucceeded
                && deliveriesFailed == counts.deliveriesFailed
                && latency.equals(counts.latency);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(attempts) + latency.hashCode();
    }

    @Override
    public String toString() {
        return "DeliveryCounts[attempts=" + Arrays.toString(attempts) + ", deliveriesSucceeded=" + deliveriesSucceeded
                + ", deliveriesFailed=" + deliveriesFailed + ", latency=" + latency + "]";
    }
}
