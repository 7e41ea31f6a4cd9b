package io.hookline.delivery.log;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a search of a tenant's whole delivery log; each is optional and they combine
 * with AND. {@code since} is inclusive and {@code until} exclusive, so adjacent windows never
 * list a delivery twice. {@code responseStatus} matches the HTTP status of the delivery's latest
 * attempt (the code the log shows in the row).
 */
public record DeliverySearch(
        @Nullable String webhookId,
        @Nullable String eventType,
        @Nullable String eventId,
        @Nullable String status,
        @Nullable OffsetDateTime since,
        @Nullable OffsetDateTime until,
        @Nullable Integer responseStatus) {

    public DeliverySearch(
            @Nullable String webhookId,
            @Nullable String eventType,
            @Nullable String eventId,
            @Nullable String status,
            @Nullable OffsetDateTime since,
            @Nullable OffsetDateTime until) {
        this(webhookId, eventType, eventId, status, since, until, null);
    }
}
