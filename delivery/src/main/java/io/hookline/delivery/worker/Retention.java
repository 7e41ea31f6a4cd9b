package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.EVENT;
import static io.hookline.domain.jooq.Tables.EVENT_IDEMPOTENCY;

import io.hookline.delivery.notify.NotificationProperties;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.notification.NotificationInbox;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntSupplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what is past {@code hookline.retention.*}, oldest first, in batches of
 * {@code batch-size} rows a transaction, so the log does not grow without bound and no
 * statement locks much at a time. Order matters: attempts, then final deliveries (their
 * attempts go with them), then idempotency keys, then events no delivery or key still needs;
 * the hourly delivery statistics and the notifications ({@code hookline.notifications.retention})
 * go by their own age.
 * Deliveries and events are found by the time inside their ULID ids, so the primary key
 * serves the range and no extra index is kept for this.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** What one run removed. */
    public record Removed(
            int attempts, int deliveries, int idempotencyKeys, int events, int stats, int notifications) {}

    private final DSLContext dsl;
    private final DeliveryQueue queue;
    private final WorkerTransactions transactions;
    private final RetentionProperties properties;
    private final NotificationInbox notifications;
    private final Duration notificationRetention;
    private final Clock clock;

    Retention(
            DSLContext dsl,
            DeliveryQueue queue,
            WorkerTransactions transactions,
            RetentionProperties properties,
            NotificationInbox notifications,
            NotificationProperties notificationProperties,
            Clock clock) {
        this.dsl = dsl;
        this.notifications = notifications;
        this.notificationRetention = notificationProperties.retention();
        this.queue = queue;
        this.clock = clock;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${hookline.retention.interval:PT1H}", initialDelayString = "PT1M")
    void scheduled() {
        Removed removed = clean(clock.instant());
        if (removed.attempts()
                        + removed.deliveries()
                        + removed.idempotencyKeys()
                        + removed.events()
                        + removed.stats()
                        + removed.notifications()
                > 0) {
            log.info(
                    "retention removed {} attempts, {} deliveries, {} idempotency keys, {} events, {} rows of"
                            + " delivery statistics and {} notifications",
                    removed.attempts(),
                    removed.deliveries(),
                    removed.idempotencyKeys(),
                    removed.events(),
                    removed.stats(),
                    removed.notifications());
        }
    }

    /** Removes everything past its retention as seen at {@code now}. */
    public Removed clean(Instant now) {
        int batch = properties.batchSize();
        String attemptCutoff = Ids.firstAt(IdPrefix.ATTEMPT, now.minus(properties.attempts()));
        int attempts = inBatches(() -> queue.deleteAttemptsBefore(attemptCutoff, batch));

        String deliveryCutoff = Ids.firstAt(IdPrefix.DELIVERY, now.minus(properties.deliveries()));
        int deliveries = inBatches(() -> queue.deleteFinalBefore(deliveryCutoff, batch));

        OffsetDateTime keyCutoff = OffsetDateTime.ofInstant(now.minus(properties.idempotencyKeys()), ZoneOffset.UTC);
        int keys = inBatches(() -> dsl.execute(
                """
                delete from event_idempotency k using (
                    select tenant_id, idempotency_key from event_idempotency
                     where expires_at < ?::timestamptz order by expires_at limit ?) old
                 where k.tenant_id = old.tenant_id and k.idempotency_key = old.idempotency_key
                """,
                // a key's expiry is 24 hours after its first use
                keyCutoff.plusHours(24).toString(),
                batch));

        String eventCutoff = Ids.firstAt(IdPrefix.EVENT, now.minus(properties.events()));
        int events = inBatches(() -> dsl.deleteFrom(EVENT)
                .where(EVENT.ID.in(DSL.select(EVENT.ID)
                        .from(EVENT)
                        .where(
                                EVENT.ID.lt(eventCutoff),
                                DSL.notExists(DSL.selectOne().from(DELIVERY).where(DELIVERY.EVENT_ID.eq(EVENT.ID))),
                                DSL.notExists(DSL.selectOne()
                                        .from(EVENT_IDEMPOTENCY)
                                        .where(EVENT_IDEMPOTENCY.EVENT_ID.eq(EVENT.ID))))
                        .orderBy(EVENT.ID)
                        .limit(batch)))
                .execute());

        // the statistics outlive the log they were counted from: they are what the stats endpoints read
        OffsetDateTime statsCutoff = OffsetDateTime.ofInstant(now.minus(properties.stats()), ZoneOffset.UTC);
        int stats = inBatches(() -> queue.deleteStatsBefore(statsCutoff, batch));

        String notificationCutoff = Ids.firstAt(IdPrefix.NOTIFICATION, now.minus(notificationRetention));
        int notices = inBatches(() -> notifications.deleteBefore(notificationCutoff, batch));
        return new Removed(attempts, deliveries, keys, events, stats, notices);
    }

    private int inBatches(IntSupplier statement) {
        int total = 0;
        int removed;
        do {
            removed = transactions.inWorker(statement::getAsInt);
            total += removed;
        } while (removed == properties.batchSize());
        return total;
    }
}
