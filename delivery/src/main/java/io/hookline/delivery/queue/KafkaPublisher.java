package io.hookline.delivery.queue;

import io.hookline.delivery.http.WebhookHttpClient.Outcome;
import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.network.BlockedAddressException;
import io.hookline.domain.network.OutboundAddressPolicy;
import io.hookline.domain.webhook.Destination;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a delivery as one Kafka record and reports the broker's acknowledgement. Producers
 * are idempotent with {@code acks=all}, so an acknowledged record is on every in-sync replica
 * and a retried send inside the producer cannot duplicate it; at most five requests are in
 * flight, which an idempotent producer keeps in order per partition. Every wait — metadata
 * ({@code max.block.ms}), the send itself ({@code delivery.timeout.ms}) — is the webhook's
 * timeout, so an unreachable broker costs its own deliveries that long and nobody else anything.
 */
public final class KafkaPublisher implements AutoCloseable {

    /** Most producers a node keeps open; each holds at most {@link #BUFFER_BYTES} of records. */
    static final int MAX_PRODUCERS = 200;
    /** Record buffer of one producer: a delivery waits for its acknowledgement, so little is queued. */
    static final int BUFFER_BYTES = 4 * 1024 * 1024;

    private final OutboundAddressPolicy policy;
    private final PublisherPool<Producer> producers = new PublisherPool<>(MAX_PRODUCERS, Duration.ofMinutes(5));

    /**
     * A pooled producer and the broker hosts its cluster advertised that passed the policy;
     * closing waits at most 2 s for what it still sends.
     */
    record Producer(KafkaProducer<byte[], byte[]> kafka, Set<String> vetted) implements AutoCloseable {
        @Override
        public void close() {
            kafka.close(Duration.ofSeconds(2));
        }
    }

    public KafkaPublisher(OutboundAddressPolicy policy) {
        this.policy = policy;
    }

    /**
     * Sends {@code body} with {@code headers} as record headers to the destination's topic under
     * {@code key}, and waits for the acknowledgement at most {@code timeoutSeconds}. The record is
     * handed to the producer in its {@code turn} (see {@link SendOrder}), which is passed as soon
     * as it has been, or when it never will be; the acknowledgement is awaited after that.
     */
    public Outcome publish(
            String webhookId,
            Destination.Kafka destination,
            @Nullable String password,
            String key,
            Map<String, String> headers,
            String body,
            int timeoutSeconds,
            SendOrder.Turn turn) {
        try {
            return publishInTurn(webhookId, destination, password, key, headers, body, timeoutSeconds, turn);
        } finally {
            turn.pass();
        }
    }

    private Outcome publishInTurn(
            String webhookId,
            Destination.Kafka destination,
            @Nullable String password,
            String key,
            Map<String, String> headers,
            String body,
            int timeoutSeconds,
            SendOrder.Turn turn) {
        long started = System.nanoTime();
        String refused = refusedHost(destination);
        if (refused != null) {
            return Outcome.failed(refused, AttemptClass.CONNECTION, millisSince(started));
        }
        Producer producer;
        try {
            producer = producers.get(
                    webhookId,
                    fingerprint(destination, password, timeoutSeconds),
                    () -> new Producer(
                            open(webhookId, destination, password, timeoutSeconds), ConcurrentHashMap.newKeySet()));
        } catch (KafkaException e) {
            return Outcome.failed(
                    "could not create a Kafka producer: " + message(e), AttemptClass.CONNECTION, millisSince(started));
        }
        List<Header> recordHeaders = new ArrayList<>(headers.size());
        headers.forEach(
                (name, value) -> recordHeaders.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                destination.topic(),
                null,
                key.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8),
                recordHeaders);
        if (!turn.awaitBefore(SendOrder.MAX_WAIT)) {
            return Outcome.cutShort(millisSince(started));
        }
        try {
            String advertised = refusedAdvertised(producer, destination.topic());
            if (advertised != null) {
                turn.pass();
                producers.discard(webhookId, producer);
                return Outcome.failed(advertised, AttemptClass.CONNECTION, millisSince(started));
            }
            Future<RecordMetadata> sent;
            try {
                sent = producer.kafka().send(record);
            } finally {
                turn.pass();
            }
            // delivery.timeout.ms already bounds it; the margin only guards against a stuck client
            RecordMetadata metadata = sent.get(timeoutSeconds + 5L, TimeUnit.SECONDS);
            return Outcome.acknowledged(
                    "acknowledged by Kafka: topic " + metadata.topic() + ", partition " + metadata.partition()
                            + ", offset " + metadata.offset(),
                    millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.cutShort(millisSince(started));
        } catch (java.util.concurrent.TimeoutException e) {
            producers.discard(webhookId, producer);
            return Outcome.failed(
                    "no acknowledgement from Kafka within " + timeoutSeconds + " s",
                    AttemptClass.TIMEOUT,
                    millisSince(started));
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (!(cause instanceof RetriableException)) {
                // fatal for this producer (authentication, authorisation, a broken sequence): start afresh
                producers.discard(webhookId, producer);
            }
            AttemptClass attemptClass = cause instanceof TimeoutException ? AttemptClass.TIMEOUT : AttemptClass.OTHER;
            return Outcome.failed("Kafka did not acknowledge: " + message(cause), attemptClass, millisSince(started));
        }
    }

    /** Closes the webhook's producer: its destination changed or it was deleted. */
    public void evict(String webhookId) {
        producers.evict(webhookId);
    }

    /** Closes producers unused for five minutes. */
    public void closeIdle() {
        producers.closeIdle();
    }

    /** Producers open on this node. */
    public int openProducers() {
        return producers.size();
    }

    private @Nullable String refusedHost(Destination.Kafka destination) {
        for (String host : destination.hosts()) {
            try {
                policy.resolveAllowed(host);
            } catch (BlockedAddressException e) {
                return "refused: the broker " + host + " resolves to a non-public address";
            } catch (UnknownHostException e) {
                return "could not resolve broker host " + host;
            }
        }
        return null;
    }

    /**
     * The brokers the cluster names for the topic (every partition's leader and replicas, from the
     * producer's metadata, which only the vetted bootstrap servers have been asked for so far) go
     * through the same policy before a record is handed over: the producer would otherwise dial
     * whatever address a bootstrap broker advertises, a private one included. A host that passed
     * is not resolved again for this producer. Missing metadata (an unknown topic) throws as
     * {@code send()} would, after the same {@code max.block.ms}.
     */
    private @Nullable String refusedAdvertised(Producer producer, String topic) {
        for (PartitionInfo partition : producer.kafka().partitionsFor(topic)) {
            List<@Nullable Node> nodes = new ArrayList<>(Arrays.asList(partition.replicas()));
            nodes.add(partition.leader());
            for (@Nullable Node node : nodes) {
                if (node == null) {
                    continue;
                }
                String host = node.host();
                if (host == null || host.isEmpty() || producer.vetted().contains(host)) {
                    continue;
                }
                try {
                    policy.resolveAllowed(host);
                    producer.vetted().add(host);
                } catch (BlockedAddressException e) {
                    return "refused: the cluster advertises the broker " + host + ":" + node.port() + " ("
                            + e.getMessage() + ")";
                } catch (UnknownHostException e) {
                    return "could not resolve the broker host " + host + " the cluster advertises";
                }
            }
        }
        return null;
    }

    private static KafkaProducer<byte[], byte[]> open(
            String webhookId, Destination.Kafka destination, @Nullable String password, int timeoutSeconds) {
        int timeoutMillis = timeoutSeconds * 1000;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", destination.servers()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "hookline-" + webhookId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2000);
        config.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 10_000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Destination.KafkaSecurity security = destination.security();
        config.put("security.protocol", security.protocol().name());
        if (security.sasl() && security.saslMechanism() != null) {
            String module = security.saslMechanism().equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            config.put("sasl.mechanism", security.saslMechanism());
            config.put(
                    "sasl.jaas.config",
                    module + " required username=\"" + jaasQuoted(String.valueOf(security.username()))
                            + "\" password=\"" + jaasQuoted(password == null ? "" : password) + "\";");
        }
        return new KafkaProducer<>(config);
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Changes whenever anything the producer was made with changes; the password only as a hash. */
    private static String fingerprint(Destination.Kafka destination, @Nullable String password, int timeoutSeconds) {
        return destination + "|" + timeoutSeconds + "|" + (password == null ? 0 : password.hashCode());
    }

    private static String message(Throwable e) {
        String text = e.getMessage();
        return e.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() {
        producers.close();
    }
}
