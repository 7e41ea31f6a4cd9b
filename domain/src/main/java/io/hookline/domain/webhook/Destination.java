package io.hookline.domain.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a webhook's deliveries go: its HTTPS URL (the default), a Kafka topic or an AMQP
 * exchange. Every kind carries the same signed envelope and headers; only the transport differs
 * ({@code docs/delivery.md}, "Queue destinations"). A destination holds no secret: the broker
 * password is sealed beside it and never leaves the registry but to the worker.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Destination.Https.class, name = "https"),
    @JsonSubTypes.Type(value = Destination.Kafka.class, name = "kafka"),
    @JsonSubTypes.Type(value = Destination.Amqp.class, name = "amqp")
})
public sealed interface Destination {

    Https HTTPS = new Https();

    /** {@code https}, {@code kafka} or {@code amqp}. */
    String kind();

    /** The webhook's {@code url}: a readable address without credentials for a queue destination. */
    String address(String url);

    /** The hosts a worker dials, each to pass the outbound-address policy. */
    List<String> hosts();

    /** The webhook's URL, as always. */
    record Https() implements Destination {
        @Override
        public String kind() {
            return "https";
        }

        @Override
        public String address(String url) {
            return url;
        }

        @Override
        public List<String> hosts() {
            return List.of();
        }
    }

    /**
     * A Kafka topic. {@code bootstrapServers} is Kafka's own {@code host:port,host:port}; the
     * record key, which picks the partition and so the order kept, is the tenant, the event type
     * or the webhook.
     */
    record Kafka(String bootstrapServers, String topic, PartitionKey key, KafkaSecurity security)
            implements Destination {
        @Override
        public String kind() {
            return "kafka";
        }

        @Override
        public String address(String url) {
            return "kafka://" + bootstrapServers + "/" + topic;
        }

        @Override
        public List<String> hosts() {
            return servers().stream().map(Kafka::hostOf).toList();
        }

        /** The bootstrap servers one by one. */
        public List<String> servers() {
            return Arrays.stream(bootstrapServers.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        static String hostOf(String server) {
            if (server.startsWith("[")) {
                int end = server.indexOf(']');
                return end < 0 ? server : server.substring(1, end);
            }
            int colon = server.lastIndexOf(':');
            return colon < 0 ? server : server.substring(0, colon);
        }
    }

    /** What the Kafka record key is, so records of one key keep their order on one partition. */
    enum PartitionKey {
        TENANT("tenant"),
        EVENT_TYPE("event-type"),
        WEBHOOK("webhook");

        private final String value;

        PartitionKey(String value) {
            this.value = value;
        }

        @JsonValue
        public String value() {
            return value;
        }

        @JsonCreator
        public static PartitionKey fromValue(String value) {
            for (PartitionKey key : values()) {
                if (key.value.equals(value)) {
                    return key;
                }
            }
            throw new IllegalArgumentException(
                    "unknown partition key " + value + "; use tenant, event-type or webhook");
        }
    }

    /**
     * How the producer reaches the brokers: Kafka's {@code security.protocol} and, for SASL, the
     * mechanism and user (the password is sealed apart). TLS trusts the JVM's certificate
     * authorities.
     */
    record KafkaSecurity(
            Protocol protocol,
            @Nullable String saslMechanism,
            @Nullable String username) {

        public static final KafkaSecurity PLAINTEXT = new KafkaSecurity(Protocol.PLAINTEXT, null, null);

        public boolean sasl() {
            return protocol == Protocol.SASL_PLAINTEXT || protocol == Protocol.SASL_SSL;
        }

        public enum Protocol {
            PLAINTEXT,
            SSL,
            SASL_PLAINTEXT,
            SASL_SSL;

            @JsonCreator
            public static Protocol fromValue(String value) {
                return valueOf(value.toUpperCase(Locale.ROOT));
            }
        }
    }

    /**
     * An AMQP 0-9-1 exchange (RabbitMQ). {@code uri} is {@code amqp(s)://user@host:port/vhost}
     * without its password, which is sealed apart.
     */
    record Amqp(String uri, String exchange, String routingKey) implements Destination {
        @Override
        public String kind() {
            return "amqp";
        }

        @Override
        public String address(String url) {
            URI parsed = URI.create(uri);
            String port = parsed.getPort() < 0 ? "" : ":" + parsed.getPort();
            String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            return parsed.getScheme() + "://" + parsed.getHost() + port + path + "#" + exchange;
        }

        @Override
        public List<String> hosts() {
            URI parsed = URI.create(uri);
            return parsed.getHost() == null ? List.of() : List.of(parsed.getHost());
        }

        /**
         * A URI as a tenant sends it, split into the stored URI (user kept, password dropped)
         * and its password, if any.
         */
        public static Split split(String fullUri) throws URISyntaxException {
            URI parsed = new URI(fullUri);
            String userInfo = parsed.getRawUserInfo();
            if (userInfo == null || parsed.getRawAuthority() == null) {
                return new Split(fullUri, null);
            }
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                return new Split(fullUri, null);
            }
            // the raw text with ":password" cut out of the user info, everything else as sent
            int at = fullUri.indexOf(userInfo) + colon;
            String stored = fullUri.substring(0, at) + fullUri.substring(at + userInfo.length() - colon);
            String password = URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
            return new Split(stored, password);
        }

        /** The stored URI and the password taken out of it. */
        public record Split(String uri, @Nullable String password) {}
    }
}
