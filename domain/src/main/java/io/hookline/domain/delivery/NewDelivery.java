package io.hookline.domain.delivery;

import io.hookline.tenancy.DeliveryId;

/**
 * One delivery an event's fan-out creates: its id and the webhook it goes to. {@code ordered}:
 * the webhook's destination keeps publish order (Kafka), so the delivery always goes through the
 * claim, whose order the worker keeps, and is never handed off on commit.
 */
public record NewDelivery(DeliveryId deliveryId, String webhookId, boolean ordered) {}
