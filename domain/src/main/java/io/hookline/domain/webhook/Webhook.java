package io.hookline.domain.webhook;

import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A webhook subscription as its tenant sees it: everything but the secret. */
public record Webhook(
        WebhookId id,
        TenantId tenantId,
        String name,
        String url,
        List<String> events,
        List<String> sites,
        List<WebhookFilter> filters,
        boolean enabled,
        Map<String, String> headers,
        int timeoutSeconds,
        Retry retry,
        boolean asyncAcknowledgement,
        SignatureScheme signatureScheme,
        @Nullable Integer rateLimit,
        Destination destination,
        boolean destinationSecretSet,
        @Nullable String disabledReason,
        int consecutiveFailures,
        @Nullable OffsetDateTime previousSecretExpiresAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Whether failed deliveries are retried, and how many attempts a delivery gets in all. */
    public record Retry(boolean enabled, int maxAttempts) {
        public static final Retry DEFAULT = new Retry(true, 8);
    }
}
