package io.hookline.domain.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A batch of statistics gathered in memory, one {@link DeliveryCounts} per webhook and hour,
 * then added to {@code delivery_stats} in one statement by {@link DeliveryQueue#recordStats}.
 * The rows are kept in one fixed order (tenant, webhook, hour), so every node locks the rows it
 * adds to in the same order and two nodes' batches never deadlock on them.
 */
public final class StatsTally {

    /** A row of {@code delivery_stats}: a webhook's hour. */
    record Key(String tenantId, String webhookId, Instant hour) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::tenantId).thenComparing(Key::webhookId).thenComparing(Key::hour);

    private final NavigableMap<Key, DeliveryCounts> rows = new TreeMap<>(ORDER);

    /** Counts one attempt of the webhook in the hour it started; its duration when it was measured. */
    public StatsTally attempt(
            String tenantId,
            String webhookId,
            OffsetDateTime startedAt,
            AttemptClass outcome,
            @Nullable Long latencyMillis) {
        row(tenantId, webhookId, startedAt).countAttempt(outcome, latencyMillis);
        return this;
    }

    /** Counts a delivery of the webhook that reached {@code succeeded} or {@code failed} at {@code at}. */
    public StatsTally finished(String tenantId, String webhookId, OffsetDateTime at, DeliveryStatus status) {
        row(tenantId, webhookId, at).countFinished(status);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows in their locking order. */
    Map<Key, DeliveryCounts> rows() {
        return rows;
    }

    /** The start of the hour (UTC) a time falls in: the {@code bucket_start} of its row. */
    public static Instant hourOf(OffsetDateTime at) {
        return at.toInstant().truncatedTo(ChronoUnit.HOURS);
    }

    private DeliveryCounts row(String tenantId, String webhookId, OffsetDateTime at) {
        return rows.computeIfAbsent(new Key(tenantId, webhookId, hourOf(at)), key -> new DeliveryCounts());
    }
}
