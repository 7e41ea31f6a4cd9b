package io.hookline.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.domain.webhook.CredentialHeaders;
import io.hookline.domain.webhook.SignatureScheme;
import io.hookline.domain.webhook.Webhook;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(description = "A webhook subscription. The secret appears only in the responses of create and rotate.")
public record WebhookResponse(
        @Schema(example = "wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        String name,
        String url,
        List<String> events,
        List<String> sites,
        List<WebhookFilterBody> filters,
        boolean enabled,

        @Schema(
                description = "Static extra headers; credential values (names like Authorization, Cookie, or"
                        + " containing auth, cookie, secret, token, key or password) are write-only and shown as"
                        + " \"********\"",
                example = "{\"X-Custom\": \"v\", \"Authorization\": \"********\"}")
        Map<String, String> headers,

        int timeoutSeconds,
        RetryBody retry,
        boolean asyncAcknowledgement,
        SignatureScheme signatureScheme,
        DestinationBody destination,

        @Schema(
                description = "Deliveries per second at most, across every node; null = no limit",
                nullable = true,
                example = "10")
        @Nullable
        Integer rateLimit,

        @Schema(description = "Why the webhook was disabled automatically; null while enabled", nullable = true)
        @Nullable
        String disabledReason,

        @Schema(description = "Consecutive failed attempts since the last success")
        int consecutiveFailures,

        @Schema(
                description = "Until when the previous secret still signs deliveries (after a rotation with grace)",
                nullable = true)
        @Nullable
        OffsetDateTime previousSecretExpiresAt,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,

        @Schema(
                description = "The signing secret (whsec_…); only in create and rotate responses",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String secret) {

    static WebhookResponse of(Webhook webhook, @Nullable String secret) {
        return new WebhookResponse(
                webhook.id().value(),
                webhook.name(),
                webhook.url(),
                webhook.events(),
                webhook.sites(),
                webhook.filters().stream().map(WebhookFilterBody::of).toList(),
                webhook.enabled(),
                CredentialHeaders.masked(webhook.headers()),
                webhook.timeoutSeconds(),
                new RetryBody(webhook.retry().enabled(), webhook.retry().maxAttempts()),
                webhook.asyncAcknowledgement(),
                webhook.signatureScheme(),
                DestinationBody.of(webhook.destination(), webhook.destinationSecretSet()),
                webhook.rateLimit(),
                webhook.disabledReason(),
                webhook.consecutiveFailures(),
                webhook.previousSecretExpiresAt(),
                webhook.createdAt(),
                webhook.updatedAt(),
                secret);
    }

    static WebhookResponse of(Webhook webhook) {
        return of(webhook, null);
    }
}
