package io.hookline.domain.delivery;

import io.hookline.tenancy.DeliveryId;

/** One delivery an event's fan-out creates: its id and the webhook it goes to. */
public record NewDelivery(DeliveryId deliveryId, String webhookId) {}
