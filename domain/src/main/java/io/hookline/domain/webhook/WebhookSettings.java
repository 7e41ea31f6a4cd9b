package io.hookline.domain.webhook;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a tenant chooses when it creates a webhook, defaults already applied;
 * {@code rateLimit} is deliveries per second, null = unlimited.
 * {@code destinationSecret} is the broker password given with this change (null: none given, a
 * stored one is kept while the destination stays of the same kind).
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
        @Nullable Integer rateLimit,
        Destination destination,
        @Nullable String destinationSecret) {

    /** The settings of an HTTPS webhook with no rate limit, as before throttles and queue destinations. */
    public WebhookSettings(
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
            SignatureScheme signatureScheme) {
        this(
                name,
                url,
                events,
                sites,
                filters,
                enabled,
                headers,
                timeoutSeconds,
                retry,
                asyncAcknowledgement,
                signatureScheme,
                null,
                Destination.HTTPS,
                null);
    }

    public WebhookSettings {
        events = List.copyOf(events);
        sites = List.copyOf(sites);
        filters = List.copyOf(filters);
        headers = Map.copyOf(headers);
    }
}
