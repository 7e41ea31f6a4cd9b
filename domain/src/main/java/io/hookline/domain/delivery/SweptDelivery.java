package io.hookline.domain.delivery;

/**
 * A delivery the sweep locked because no attempt will move it on by itself: an expired lease
 * or an overdue acknowledgement. {@code exhausted}: its attempts are used up. The event's id and
 * type are there for the {@code delivery.exhausted} the sweep emits when it fails one.
 */
public record SweptDelivery(
        String deliveryId,
        String tenantId,
        String webhookId,
        int attempt,
        boolean webhookEnabled,
        boolean exhausted,
        String eventId,
        String eventType) {}
