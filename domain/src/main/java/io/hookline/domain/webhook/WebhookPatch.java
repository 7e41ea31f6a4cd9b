package io.hookline.domain.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A partial change of a webhook: a null field is left as it is. {@code rateLimit} can also be
 * cleared: null = left as it is, empty = no limit any more.
 */
@SuppressWarnings("NullableOptional") // the three states of a JSON merge patch field
public record WebhookPatch(
        @Nullable String name,
        @Nullable String url,
        @Nullable List<String> events,
        @Nullable List<String> sites,
        @Nullable List<WebhookFilter> filters,
        @Nullable Boolean enabled,
        @Nullable Map<String, String> headers,
        @Nullable Integer timeoutSeconds,
        @Nullable Boolean retryEnabled,
        @Nullable Integer retryMaxAttempts,
        @Nullable Boolean asyncAcknowledgement,
        @Nullable SignatureScheme signatureScheme,
        @Nullable Optional<Integer> rateLimit,
        @Nullable Destination destination,
        @Nullable String destinationSecret) {

    /**
     * The settings after the change; {@code resolvedHeaders} are the headers to store, masked
     * values already replaced by the stored ones.
     */
    WebhookSettings applyTo(Webhook current, Map<String, String> resolvedHeaders) {
        return new WebhookSettings(
                name != null ? name : current.name(),
                url != null ? url : current.url(),
                events != null ? events : current.events(),
                sites != null ? sites : current.sites(),
                filters != null ? filters : current.filters(),
                enabled != null ? enabled : current.enabled(),
                resolvedHeaders,
                timeoutSeconds != null ? timeoutSeconds : current.timeoutSeconds(),
                new Webhook.Retry(
                        retryEnabled != null ? retryEnabled : current.retry().enabled(),
                        retryMaxAttempts != null
                                ? retryMaxAttempts
                                : current.retry().maxAttempts()),
                asyncAcknowledgement != null ? asyncAcknowledgement : current.asyncAcknowledgement(),
                signatureScheme != null ? signatureScheme : current.signatureScheme(),
                rateLimit != null ? rateLimit.orElse(null) : current.rateLimit(),
                destination != null ? destination : current.destination(),
                destinationSecret);
    }
}
