package io.hookline.delivery.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When attempt n+1 happens after attempt n failed: the schedule's delay for it, with ±10 %
 * jitter so a recovered endpoint is not hit by every retry in the same second; a longer
 * {@code Retry-After} from a 429 or 503 wins. Past the end of the schedule its last delay
 * repeats.
 */
final class RetrySchedule {

    private final List<Duration> delays;

    RetrySchedule(List<Duration> delays) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("hookline.delivery.retry-schedule needs at least one delay");
        }
        this.delays = List.copyOf(delays);
    }

    /** The delay before attempt {@code nextAttempt} (2 for the first retry). */
    Duration delayBefore(int nextAttempt, @Nullable Duration retryAfter) {
        Duration base = delays.get(Math.min(nextAttempt - 1, delays.size() - 1));
        long millis = base.toMillis();
        long jitter = millis / 10;
        long jittered =
                jitter == 0 ? millis : millis + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
