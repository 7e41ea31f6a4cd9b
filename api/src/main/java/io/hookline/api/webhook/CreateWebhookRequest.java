package io.hookline.api.webhook;

import io.hookline.domain.problem.DomainException;
import io.hookline.domain.webhook.Destination;
import io.hookline.domain.webhook.SignatureScheme;
import io.hookline.domain.webhook.Webhook;
import io.hookline.domain.webhook.WebhookSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new webhook subscription; fields left out take the defaults shown")
@UrlForHttps
public record CreateWebhookRequest(
        @Schema(example = "ERP sync") @NotBlank @Size(max = 200)
        String name,

        @Schema(
                description = "The https (or, in development, http) endpoint; required unless destination is a queue",
                example = "https://erp.example.com/hooks")
        @Size(max = 2048)
        @Nullable
        String url,

        @Schema(example = "[\"order.placed\", \"customer.updated\"]") @NotNull @Size(min = 1, max = 100)
        List<@NotBlank @Size(max = 100) String> events,

        @Schema(description = "Limit to these sites; empty = all sites") @Size(max = 100) @Nullable
        List<@NotBlank @Size(max = 31) String> sites,

        @Size(max = 50) @Nullable List<@Valid @NotNull WebhookFilterBody> filters,
        @Schema(defaultValue = "true") @Nullable Boolean enabled,

        @Schema(
                description = "Static extra headers sent with every delivery. Credential values (names like"
                        + " Authorization, Cookie, or containing auth, cookie, secret, token, key or password) are"
                        + " write-only: responses and delivery logs show them as \"********\"",
                example = "{\"X-Custom\": \"v\"}")
        @Size(max = 20)
        @Nullable
        Map<String, String> headers,

        @Schema(defaultValue = "10", minimum = "1", maximum = "30") @Min(1) @Max(30) @Nullable
        Integer timeoutSeconds,

        @Valid @Nullable RetryBody retry,

        @Schema(defaultValue = "false", description = "Treat 202 as 'waiting' until settled through meta.link")
        @Nullable
        Boolean asyncAcknowledgement,

        @Schema(defaultValue = "standard") @Nullable SignatureScheme signatureScheme,

        @Schema(
                description = RATE_LIMIT + " Null or left out: no limit.",
                minimum = "1",
                maximum = "10000",
                nullable = true,
                example = "10")
        @Min(1)
        @Max(10000)
        @Nullable
        Integer rateLimit,

        @Schema(description = "Where deliveries go; {\"type\": \"https\"} (the url) when left out") @Valid @Nullable
        DestinationBody destination) {

    static final String RATE_LIMIT = "At most this many deliveries per second to this webhook, across every node."
            + " Up to one second's worth may go at once; deliveries over the limit wait in the queue (still"
            + " pending, no attempt counted) and go as the limit allows.";

    WebhookSettings toSettings() {
        DestinationBody.Parsed parsed =
                destination == null ? new DestinationBody.Parsed(Destination.HTTPS, null) : destination.toDestination();
        if (parsed.destination() instanceof Destination.Https && (url == null || url.isBlank())) {
            throw new DomainException.Invalid("url", "is required for an https destination");
        }
        return new WebhookSettings(
                name,
                url == null ? "" : url,
                events,
                sites == null ? List.of() : sites,
                filters == null
                        ? List.of()
                        : filters.stream().map(WebhookFilterBody::toFilter).toList(),
                enabled == null || enabled,
                headers == null ? Map.of() : headers,
                timeoutSeconds == null ? 10 : timeoutSeconds,
                new Webhook.Retry(
                        retry == null || retry.enabled() == null ? Webhook.Retry.DEFAULT.enabled() : retry.enabled(),
                        retry == null || retry.maxAttempts() == null
                                ? Webhook.Retry.DEFAULT.maxAttempts()
                                : retry.maxAttempts()),
                asyncAcknowledgement != null && asyncAcknowledgement,
                signatureScheme == null ? SignatureScheme.STANDARD : signatureScheme,
                rateLimit,
                parsed.destination(),
                parsed.secret());
    }
}
