package io.hookline.delivery.stats;

import io.hookline.domain.problem.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The windows the statistics are served over: the last 24 hours in hourly buckets, or the last
 * 7 or 30 days (UTC) in daily buckets, each ending with the bucket that holds now.
 */
public enum StatsWindow {
    HOURS_24("24h", ChronoUnit.HOURS, 24),
    DAYS_7("7d", ChronoUnit.DAYS, 7),
    DAYS_30("30d", ChronoUnit.DAYS, 30);

    static final String ALLOWED =
            Arrays.stream(values()).map(StatsWindow::literal).collect(Collectors.joining(", "));

    private final String literal;
    private final ChronoUnit unit;
    private final int buckets;

    StatsWindow(String literal, ChronoUnit unit, int buckets) {
        this.literal = literal;
        this.unit = unit;
        this.buckets = buckets;
    }

    /** The window named by a request's {@code window} parameter; 422 for any other value. */
    public static StatsWindow of(String literal) {
        return Arrays.stream(values())
                .filter(window -> window.literal.equals(literal))
                .findFirst()
                .orElseThrow(() -> new DomainException.Invalid("window", "must be one of " + ALLOWED));
    }

    /** As the API names it: {@code 24h}, {@code 7d}, {@code 30d}. */
    public String literal() {
        return literal;
    }

    /** The bucket's name in the API: {@code hour} or {@code day}. */
    public String bucketName() {
        return unit == ChronoUnit.HOURS ? "hour" : "day";
    }

    /** How many buckets the window has. */
    public int buckets() {
        return buckets;
    }

    /** One bucket's length. */
    public Duration bucket() {
        return unit.getDuration();
    }

    /** The end of the window (exclusive) that holds {@code now}: the end of now's hour or UTC day. */
    Instant until(Instant now) {
        return now.truncatedTo(unit).plus(1, unit);
    }
}
