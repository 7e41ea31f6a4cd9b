package io.hookline.domain.webhook;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a tenant chooses when it creates a webhook, defaults already applied;
 * {@code rateLimit} is deliveries per second, null = unlimited.
 */
public record WebhookSettings(
        String name,
        String url,
        List<String> events,
        List<String> sites,
        List<WebhookFilter> filters,
        boolean enabled,
        Map<String, String> headers,
        int timeoutSeconds,
        Webhook.Retry retry,
        boolean asyncAcknowledgement,
        SignatureScheme signatureScheme,
        @Nullable Integer rateLimit) {

    public WebhookSettings {
        events = List.copyOf(events);
        sites = List.copyOf(sites);
        filters = List.copyOf(filters);
        headers = Map.copyOf(headers);
    }
}
