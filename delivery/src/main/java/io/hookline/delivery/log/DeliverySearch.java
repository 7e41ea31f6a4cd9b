package io.hookline.delivery.log;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a search of a tenant's whole delivery log; each is optional and they combine
 * with AND. {@code since} is inclusive and {@code until} exclusive, so adjacent windows never
 * list a delivery twice.
 */
public record DeliverySearch(
        @Nullable String webhookId,
        @Nullable String eventType,
        @Nullable String eventId,
        @Nullable String status,
        @Nullable OffsetDateTime since,
        @Nullable OffsetDateTime until) {}
