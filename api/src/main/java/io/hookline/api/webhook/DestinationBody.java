package io.hookline.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import io.hookline.domain.webhook.CredentialHeaders;
import io.hookline.domain.webhook.Destination;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(
        name = "WebhookDestination",
        description = "Where deliveries go: https (the default) posts to the webhook's url; kafka produces a"
                + " record to a topic; amqp publishes to an exchange. Every type carries the same signed body and"
                + " headers (as record headers or message properties); a broker's acknowledgement is a success."
                + " See docs/integrators.md, \"Queue destinations\".")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DestinationBody(
        @Schema(example = "kafka") @NotNull Type type,

        @Schema(description = "kafka: host:port pairs, comma-separated", example = "broker1.example.com:9092")
        @Size(max = 1000)
        @Nullable
        String bootstrapServers,

        @Schema(description = "kafka: the topic", example = "hookline-events") @Size(max = 249) @Nullable
        String topic,

        @Schema(
                description = "kafka: the record key, which picks the partition and so what keeps its order",
                defaultValue = "tenant",
                allowableValues = {"tenant", "event-type", "webhook"})
        @Nullable
        String key,

        @Schema(description = "kafka: how to reach the brokers; PLAINTEXT when left out") @Valid @Nullable
        KafkaSecurityBody security,

        @Schema(
                description = "amqp: amqp(s)://user:password@host:port/vhost; the password is write-only and"
                        + " shown as \"********\"",
                example = "amqps://hookline:s3cret@mq.example.com/erp")
        @Size(max = 2048)
        @Nullable
        String uri,

        @Schema(description = "amqp: the exchange, which must exist", example = "hookline") @Size(max = 255) @Nullable
        String exchange,

        @Schema(description = "amqp: the routing key; empty when left out", example = "events")
        @Size(max = 255)
        @Nullable
        String routingKey) {

    @Schema(name = "WebhookDestinationType")
    public enum Type {
        HTTPS,
        KAFKA,
        AMQP;

        @JsonValue
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Type fromValue(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Schema(
            name = "KafkaSecurity",
            description = "Kafka's security.protocol and, for SASL, mechanism and credentials; TLS trusts the"
                    + " public certificate authorities")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KafkaSecurityBody(
            @Schema(
                    defaultValue = "PLAINTEXT",
                    allowableValues = {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"})
            @Nullable
            String protocol,

            @Schema(
                    description = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512",
                    allowableValues = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"},
                    example = "SCRAM-SHA-512")
            @Nullable
            String saslMechanism,

            @Size(max = 200) @Nullable String username,

            @Schema(
                    description = "Write-only: responses show \"********\" when one is stored; sending"
                            + " \"********\" back (or leaving it out) keeps the stored one")
            @Size(max = 1024)
            @Nullable
            String password) {}

    /** The destination and the password that came with it (null: none, or the stored one kept). */
    record Parsed(Destination destination, @Nullable String secret) {}

    Parsed toDestination() {
        List<FieldError> errors = new ArrayList<>();
        Parsed parsed = switch (type) {
            case HTTPS -> new Parsed(Destination.HTTPS, null);
            case KAFKA -> {
                require(bootstrapServers, "bootstrapServers", errors);
                require(topic, "topic", errors);
                KafkaSecurityBody given = security;
                Destination.KafkaSecurity kafkaSecurity = given == null
                        ? Destination.KafkaSecurity.PLAINTEXT
                        : new Destination.KafkaSecurity(
                                protocol(given.protocol(), errors), given.saslMechanism(), given.username());
                yield new Parsed(
                        new Destination.Kafka(
                                String.valueOf(bootstrapServers),
                                String.valueOf(topic),
                                partitionKey(key, errors),
                                kafkaSecurity),
                        given == null ? null : given.password());
            }
            case AMQP -> {
                require(uri, "uri", errors);
                require(exchange, "exchange", errors);
                yield new Parsed(
                        new Destination.Amqp(
                                String.valueOf(uri), String.valueOf(exchange), routingKey == null ? "" : routingKey),
                        null);
            }
        };
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return parsed;
    }

    private static Destination.KafkaSecurity.Protocol protocol(@Nullable String value, List<FieldError> errors) {
        if (value == null) {
            return Destination.KafkaSecurity.Protocol.PLAINTEXT;
        }
        try {
            return Destination.KafkaSecurity.Protocol.fromValue(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(
                    "destination.security.protocol", "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"));
            return Destination.KafkaSecurity.Protocol.PLAINTEXT;
        }
    }

    private static Destination.PartitionKey partitionKey(@Nullable String value, List<FieldError> errors) {
        if (value == null) {
            return Destination.PartitionKey.TENANT;
        }
        try {
            return Destination.PartitionKey.fromValue(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("destination.key", "must be tenant, event-type or webhook"));
            return Destination.PartitionKey.TENANT;
        }
    }

    private void require(@Nullable String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("destination." + field, "is required for a " + type.value() + " destination"));
        }
    }

    /** As responses show it: the password, if one is stored, as {@code ********}. */
    static DestinationBody of(Destination destination, boolean secretSet) {
        return switch (destination) {
            case Destination.Https https -> new DestinationBody(Type.HTTPS, null, null, null, null, null, null, null);
            case Destination.Kafka kafka ->
                new DestinationBody(
                        Type.KAFKA,
                        kafka.bootstrapServers(),
                        kafka.topic(),
                        kafka.key().value(),
                        new KafkaSecurityBody(
                                kafka.security().protocol().name(),
                                kafka.security().saslMechanism(),
                                kafka.security().username(),
                                secretSet ? CredentialHeaders.MASK : null),
                        null,
                        null,
                        null);
            case Destination.Amqp amqp ->
                new DestinationBody(
                        Type.AMQP,
                        null,
                        null,
                        null,
                        null,
                        secretSet ? masked(amqp.uri()) : amqp.uri(),
                        amqp.exchange(),
                        amqp.routingKey());
        };
    }

    /** The stored URI ({@code scheme://user@host…}) with {@code :********} after the user. */
    private static String masked(String uri) {
        int start = uri.indexOf("://") + 3;
        int at = uri.indexOf('@', start);
        int slash = uri.indexOf('/', start);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return uri;
        }
        return uri.substring(0, at) + ":" + CredentialHeaders.MASK + uri.substring(at);
    }
}
