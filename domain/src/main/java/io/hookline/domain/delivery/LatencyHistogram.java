package io.hookline.domain.delivery;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Attempt durations counted in fixed log-scale bins, so that the histograms of any set of hours
 * and webhooks add up element-wise into the histogram of their union, and percentiles of any
 * window are read from that sum.
 *
 * <p>The {@value #BINS} bins, in milliseconds: bin 0 holds durations under 1 ms; bin {@code k}
 * (1 to 60) holds {@code [2^((k-1)/4), 2^(k/4))}, four bins per doubling from 1 ms to 32,768 ms;
 * bin 61 holds 32,768 ms and more (no attempt lasts that long: the timeout is at most 30 s). A
 * percentile is read as nearest rank (the smallest duration at or above that share of the
 * attempts) and answered with its bin's representative: the bin's geometric middle, rounded to a
 * whole millisecond and kept among the whole milliseconds the bin holds. It therefore differs
 * from the true nearest-rank duration by at most 9.1 % of it (2^(1/8) − 1) plus half a
 * millisecond of rounding — exactly right up to 7 ms, where a bin holds at most one whole
 * millisecond — and is 32,768 ms for anything in the last bin.
 */
public final class LatencyHistogram {

    /** How many bins a histogram has; also the length of {@code delivery_stats.latency_histogram}. */
    public static final int BINS = 62;

    /** The lower edge of the last, open bin (2^15 ms). */
    static final long OPEN_FROM_MILLIS = 1L << 15;

    private static final long[] REPRESENTATIVE = representatives();

    private final long[] counts;

    public LatencyHistogram() {
        this.counts = new long[BINS];
    }

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram of these counts (as stored), one per bin. */
    public static LatencyHistogram of(long[] counts) {
        if (counts.length != BINS) {
            throw new IllegalArgumentException("a latency histogram has " + BINS + " bins, not " + counts.length);
        }
        return new LatencyHistogram(counts.clone());
    }

    /** The bin of a duration in whole milliseconds. */
    public static int bin(long millis) {
        if (millis < 1) {
            return 0;
        }
        if (millis >= OPEN_FROM_MILLIS) {
            return BINS - 1;
        }
        // integer arithmetic, so the edges (powers of 2^(1/4)) are exact: millis is in
        // [2^(e + q/4), 2^(e + (q+1)/4)) when millis^4 is in [2^(4e + q), 2^(4e + q + 1))
        int e = 63 - Long.numberOfLeadingZeros(millis);
        long fourth = millis * millis * millis * millis;
        int q = 0;
        while (q < 3 && fourth >= 1L << (4 * e + q + 1)) {
            q++;
        }
        return 1 + 4 * e + q;
    }

    /** The lower edge of a bin in milliseconds (inclusive). */
    public static double lowerEdge(int bin) {
        return bin == 0 ? 0 : Math.pow(2, (bin - 1) / 4.0);
    }

    /** The upper edge of a bin in milliseconds (exclusive); infinite for the last. */
    public static double upperEdge(int bin) {
        return bin == BINS - 1 ? Double.POSITIVE_INFINITY : Math.pow(2, bin / 4.0);
    }

    /** The whole milliseconds a percentile that falls in this bin is answered with. */
    public static long representative(int bin) {
        return REPRESENTATIVE[bin];
    }

    /** Counts one duration. */
    public void record(long millis) {
        counts[bin(millis)]++;
    }

    /** Adds another histogram's counts to this one's. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BINS; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** How many durations were counted. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * The {@code percent}-th percentile (1 to 100) by nearest rank, in whole milliseconds; null
     * when nothing was counted.
     */
    public @Nullable Long percentile(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a percentile is between 1 and 100, not " + percent);
        }
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (percent * total + 99) / 100);
        long seen = 0;
        for (int bin = 0; bin < BINS; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return REPRESENTATIVE[bin];
            }
        }
        throw new IllegalStateException("unreachable: the rank is at most the total");
    }

    /** The counts, one per bin (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram histogram && Arrays.equals(counts, histogram.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }

    /**
     * Each bin's geometric middle, rounded and clamped to the whole milliseconds the bin holds
     * (durations are measured in whole milliseconds, so a percentile is one of them).
     */
    private static long[] representatives() {
        long[] lowest = new long[BINS];
        long[] highest = new long[BINS];
        Arrays.fill(lowest, -1);
        for (long millis = 0; millis <= OPEN_FROM_MILLIS; millis++) {
            int bin = bin(millis);
            if (lowest[bin] < 0) {
                lowest[bin] = millis;
            }
            highest[bin] = millis;
        }
        long[] representative = new long[BINS];
        for (int bin = 0; bin < BINS; bin++) {
            long middle = bin == 0 || bin == BINS - 1
                    ? (long) Math.ceil(lowerEdge(bin))
                    : Math.round(Math.pow(2, (bin - 0.5) / 4.0));
            // a bin that holds no whole millisecond never counts anything; keep its middle
            representative[bin] = lowest[bin] < 0 ? middle : Math.clamp(middle, lowest[bin], highest[bin]);
        }
        return representative;
    }
}
