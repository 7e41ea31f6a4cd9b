package io.hookline.domain.webhook;

/**
 * A webhook was changed or deleted: whatever a delivery node keeps open for its destination (a
 * Kafka producer, an AMQP connection) is to be closed, and opened afresh by the next delivery.
 */
public record WebhookDestinationChanged(WebhookId webhookId) {}
