package io.hookline.domain.delivery;

/** One delivery an event's fan-out creates: its id and the webhook it goes to. */
public record NewDelivery(String deliveryId, String webhookId) {}
