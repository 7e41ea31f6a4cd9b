package io.hookline.domain.webhook;

import java.util.List;

/**
 * What the outbox needs of an enabled webhook subscribed to an event's type to decide whether
 * the event goes to it: its sites (none = every site) and its filters; and whether its
 * destination keeps publish order (Kafka), which decides how the delivery is sent (see
 * {@link io.hookline.domain.delivery.NewDelivery}).
 */
public record WebhookRoute(WebhookId id, List<String> sites, List<WebhookFilter> filters, boolean ordered) {}
