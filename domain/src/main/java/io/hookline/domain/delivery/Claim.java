package io.hookline.domain.delivery;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A delivery a worker now holds under a lease, with everything one attempt needs: the event,
 * the tenant's administration code, and the webhook's endpoint, policy and sealed secrets as
 * they were when it was claimed. {@code rateLimit}: the webhook's deliveries per second, null =
 * unlimited.
 */
@SuppressWarnings("ArrayRecordComponent") // the sealed secrets are handed on to be opened, never compared
public record Claim(
        String deliveryId,
        String tenantId,
        String webhookId,
        String eventId,
        String eventType,
        int attempt,
        long leaseToken,
        String body,
        @Nullable String triggeredBy,
        String administrationCode,
        String url,
        String headersJson,
        int timeoutSeconds,
        boolean retryEnabled,
        int retryMaxAttempts,
        boolean asyncAcknowledgement,
        String signatureScheme,
        @Nullable Integer rateLimit,
        byte[] secretCiphertext,
        String secretKeyId,
        byte @Nullable [] previousSecretCiphertext,
        @Nullable String previousSecretKeyId,
        @Nullable OffsetDateTime previousSecretExpiresAt,
        String destinationJson,
        byte @Nullable [] destinationSecretCiphertext,
        @Nullable String destinationSecretKeyId) {

    /** How many attempts the webhook's retry policy allows in all. */
    public int maxAttempts() {
        return retryEnabled ? retryMaxAttempts : 1;
    }
}
