package io.hookline.api.webhook;

import io.hookline.domain.webhook.SignatureScheme;
import io.hookline.domain.webhook.WebhookPatch;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

@Schema(
        description =
                "A partial change: fields left out keep their value. enabled=true also resets the failure streak.")
@SuppressWarnings("NullableOptional") // rateLimit: left out (null), cleared (empty) or set
public record UpdateWebhookRequest(
        @Size(min = 1, max = 200) @Nullable String name,
        @Size(min = 1, max = 2048) @Nullable String url,
        @Size(min = 1, max = 100) @Nullable List<@NotBlank @Size(max = 100) String> events,
        @Size(max = 100) @Nullable List<@NotBlank @Size(max = 31) String> sites,
        @Size(max = 50) @Nullable List<@Valid @NotNull WebhookFilterBody> filters,
        @Nullable Boolean enabled,

        @Schema(
                description = "Replaces every extra header. A credential header (shown as \"********\") sent back"
                        + " as \"********\" keeps its stored value; for a name with no stored value that is a 422")
        @Size(max = 20)
        @Nullable
        Map<String, String> headers,

        @Min(1) @Max(30) @Nullable Integer timeoutSeconds,
        @Valid @Nullable RetryBody retry,
        @Nullable Boolean asyncAcknowledgement,
        @Nullable SignatureScheme signatureScheme,

        @Schema(
                description = CreateWebhookRequest.RATE_LIMIT
                        + " Left out: unchanged; null: no limit any more (what waits goes at once); a new"
                        + " value re-spaces what waits.",
                implementation = Integer.class,
                minimum = "1",
                maximum = "10000",
                nullable = true,
                example = "10")
        @JsonDeserialize(using = Clearable.class)
        @Nullable
        Optional<@Min(1) @Max(10000) Integer> rateLimit,

        @Schema(
                description = "Replaces the destination; a stored password is kept when left out or sent back as"
                        + " \"********\" while the type stays the same")
        @Valid
        @Nullable
        DestinationBody destination) {

    /**
     * Keeps the three states of a merge-patch field apart: left out = null (unchanged), {@code null}
     * = empty (cleared), a number = that number, read as strictly as any integer field.
     */
    static final class Clearable extends ValueDeserializer<Optional<Integer>> {

        @Override
        public Optional<Integer> deserialize(JsonParser parser, DeserializationContext context) {
            return Optional.of(context.readValue(parser, Integer.class));
        }

        @Override
        public Optional<Integer> getNullValue(DeserializationContext context) {
            return Optional.empty();
        }

        @Override
        public @Nullable Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    WebhookPatch toPatch() {
        DestinationBody.Parsed parsed = destination == null ? null : destination.toDestination();
        return new WebhookPatch(
                name,
                url,
                events,
                sites,
                filters == null
                        ? null
                        : filters.stream().map(WebhookFilterBody::toFilter).toList(),
                enabled,
                headers,
                timeoutSeconds,
                retry == null ? null : retry.enabled(),
                retry == null ? null : retry.maxAttempts(),
                asyncAcknowledgement,
                signatureScheme,
                rateLimit,
                parsed == null ? null : parsed.destination(),
                parsed == null ? null : parsed.secret());
    }
}
