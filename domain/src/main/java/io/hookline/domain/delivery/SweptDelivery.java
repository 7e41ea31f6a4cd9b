package io.hookline.domain.delivery;

/**
 * A delivery the sweep locked because no attempt will move it on by itself: an expired lease
 * or an overdue acknowledgement. {@code exhausted}: its attempts are used up.
 */
public record SweptDelivery(
        String deliveryId, String tenantId, String webhookId, int attempt, boolean webhookEnabled, boolean exhausted) {}
