package io.hookline.delivery.notify;

import io.hookline.delivery.worker.WorkerTransactions;
import io.hookline.domain.notification.NotificationInbox;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes notifications older than {@code hookline.notifications.retention}, in batches, with the log's retention. */
@Component
class NotificationCleanup {

    private static final Logger log = LoggerFactory.getLogger(NotificationCleanup.class);
    private static final int BATCH = 5_000;

    private final NotificationInbox inbox;
    private final WorkerTransactions transactions;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationCleanup(
            NotificationInbox inbox, WorkerTransactions transactions, NotificationProperties properties, Clock clock) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hookline.retention.interval:PT1H}", initialDelayString = "PT1M")
    void scheduled() {
        OffsetDateTime cutoff =
                OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(properties.retention());
        int removed = 0;
        int batch;
        do {
            batch = transactions.inWorker(() -> inbox.deleteBefore(cutoff, BATCH));
            removed += batch;
        } while (batch == BATCH);
        if (removed > 0) {
            log.info("retention removed {} notifications", removed);
        }
    }
}
