package io.hookline.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The histogram's bins, its addition and its percentiles, against exact answers. */
class LatencyHistogramTests {

    /** The exact nearest-rank percentile of some durations. */
    private static long exact(long[] sorted, int percent) {
        int rank = (int) Math.max(1, (percent * (long) sorted.length + 99) / 100);
        return sorted[rank - 1];
    }

    @Test
    void binsAreFourPerDoublingFromOneMillisecondWithAnOpenLastBin() {
        assertThat(LatencyHistogram.BINS).isEqualTo(62);
        assertThat(LatencyHistogram.bin(0)).isZero();
        assertThat(LatencyHistogram.bin(-3)).isZero();
        assertThat(LatencyHistogram.bin(1)).isEqualTo(1);
        assertThat(LatencyHistogram.bin(2)).isEqualTo(5);
        assertThat(LatencyHistogram.bin(3)).isEqualTo(7);
        assertThat(LatencyHistogram.bin(4)).isEqualTo(9);
        assertThat(LatencyHistogram.bin(1024)).isEqualTo(41);
        assertThat(LatencyHistogram.bin(1217)).isEqualTo(41); // 2^10.25 = 1217.7
        assertThat(LatencyHistogram.bin(1218)).isEqualTo(42);
        assertThat(LatencyHistogram.bin(32_767)).isEqualTo(60);
        assertThat(LatencyHistogram.bin(32_768)).isEqualTo(61);
        assertThat(LatencyHistogram.bin(Long.MAX_VALUE)).isEqualTo(61);
        assertThat(LatencyHistogram.lowerEdge(41)).isEqualTo(1024.0);
        assertThat(LatencyHistogram.upperEdge(61)).isInfinite();
    }

    @Test
    void everyWholeMillisecondFallsBetweenItsBinsEdgesAndItsRepresentativeIsWithinThePrecision() {
        for (long millis = 0; millis <= 40_000; millis++) {
            int bin = LatencyHistogram.bin(millis);
            assertThat((double) millis).isGreaterThanOrEqualTo(LatencyHistogram.lowerEdge(bin) - 1e-9);
            assertThat((double) millis).isLessThan(LatencyHistogram.upperEdge(bin) + 1e-9);
            long representative = LatencyHistogram.representative(bin);
            if (bin < LatencyHistogram.BINS - 1) {
                assertThat((double) Math.abs(representative - millis))
                        .as("representative %d of %d ms", representative, millis)
                        .isLessThanOrEqualTo(0.091 * millis + 0.5);
                assertThat(LatencyHistogram.bin(representative)).isEqualTo(bin);
            } else {
                assertThat(representative).isEqualTo(32_768);
            }
            if (millis <= 7) {
                assertThat(representative).isEqualTo(millis);
            }
        }
    }

    @Test
    void percentilesAreNearestRankWithinThePrecision() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(500);
            // log-uniform from 1 ms to 30 s, like real receivers
            long[] durations = LongStream.generate(() -> (long) Math.exp(random.nextDouble() * Math.log(30_000)))
                    .limit(size)
                    .toArray();
            LatencyHistogram histogram = new LatencyHistogram();
            Arrays.stream(durations).forEach(histogram::record);
            long[] sorted = durations.clone();
            Arrays.sort(sorted);
            for (int percent : List.of(1, 50, 95, 99, 100)) {
                long truth = exact(sorted, percent);
                long estimate = java.util.Objects.requireNonNull(histogram.percentile(percent));
                assertThat((double) Math.abs(estimate - truth))
                        .as("p%d of %d durations: %d ms for %d ms", percent, size, estimate, truth)
                        .isLessThanOrEqualTo(0.091 * truth + 0.5);
            }
            assertThat(histogram.percentile(50)).isLessThanOrEqualTo(histogram.percentile(95));
            assertThat(histogram.percentile(95)).isLessThanOrEqualTo(histogram.percentile(99));
            assertThat(histogram.total()).isEqualTo(size);
        }
    }

    @Test
    void smallSamplesTakeTheNearestRank() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long millis : new long[] {3, 1, 7, 2, 5}) {
            histogram.record(millis);
        }
        // ranks: p50 → 3rd of 5 (3 ms), p95 and p99 → 5th (7 ms), p1 → 1st (1 ms)
        assertThat(histogram.percentile(50)).isEqualTo(3);
        assertThat(histogram.percentile(95)).isEqualTo(7);
        assertThat(histogram.percentile(99)).isEqualTo(7);
        assertThat(histogram.percentile(1)).isEqualTo(1);
    }

    @Test
    void addingHistogramsGivesTheHistogramOfAllTheirDurations() {
        LatencyHistogram morning = new LatencyHistogram();
        LatencyHistogram evening = new LatencyHistogram();
        LatencyHistogram wholeDay = new LatencyHistogram();
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            long millis = random.nextInt(5_000);
            (i % 3 == 0 ? morning : evening).record(millis);
            wholeDay.record(millis);
        }

        morning.add(evening);

        assertThat(morning).isEqualTo(wholeDay);
        assertThat(LatencyHistogram.of(wholeDay.counts())).isEqualTo(wholeDay);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        LatencyHistogram empty = new LatencyHistogram();

        assertThat(empty.percentile(50)).isNull();
        assertThat(empty.percentile(99)).isNull();
        assertThat(empty.total()).isZero();
    }

    @Test
    void aStoredHistogramOfTheWrongLengthOrAPercentileOutOfRangeIsRefused() {
        assertThatThrownBy(() -> LatencyHistogram.of(new long[61]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a latency histogram has 62 bins, not 61");
        assertThatThrownBy(() -> new LatencyHistogram().percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram().percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
