package io.hookline.delivery.worker;

import io.hookline.tenancy.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes attempt logs older than {@code hookline.delivery.attempt-retention} (30 days), in small batches. */
@Component
public class AttemptRetention {

    private static final Logger log = LoggerFactory.getLogger(AttemptRetention.class);
    private static final int BATCH = 5_000;

    private final DeliveryStore store;
    private final AttemptRunner runner;
    private final DeliveryProperties properties;

    AttemptRetention(DeliveryStore store, AttemptRunner runner, DeliveryProperties properties) {
        this.store = store;
        this.runner = runner;
        this.properties = properties;
    }

    /** Runs hourly; returns how many attempts were deleted. */
    @Scheduled(fixedDelayString = "${hookline.delivery.retention-interval:PT1H}", initialDelayString = "PT1M")
    public int clean() {
        var cutoff = Timestamps.now().minus(properties.attemptRetention());
        int total = 0;
        int deleted;
        do {
            deleted = runner.inWorkerTransaction(() -> store.deleteAttemptsBefore(cutoff, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("deleted {} delivery attempts older than {}", total, properties.attemptRetention());
        }
        return total;
    }
}
