package io.hookline.api.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import io.hookline.domain.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker itself stops while a webhook's deliveries are flowing and starts again on
 * the same port with its data (the test kit's {@code BrokerServer} shut down and started up; the
 * controller runs on): the attempts made meanwhile fail with the producer's reason and
 * follow the retry schedule, and once the broker is back every event is on the topic. A broker
 * and node of its own, so stopping the broker disturbs no other test.
 */
class KafkaBrokerOutageTests {

    private static final String TOPIC = "outage";
    /** Events published after the broker stopped (before it, as many as came until then). */
    private static final int AFTER_STOP = 30;

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static int port;
    private static EmbeddedKafkaKraftBroker broker;
    private static RunningApp app;

    private final ApiClient api = app.client();

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("advertised.listeners", KafkaDestinationTests.ADVERTISED);
        broker.afterPropertiesSet();
        String servers = broker.getBrokersAsString();
        port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
        // ten attempts about 2 s apart (each failing one waits out its 2 s timeout): some 35 s of outage survived
        app = RunningApp.startWithDeliveryAlone(Map.of(
                "hookline.delivery.retry-schedule", "0s,1s,1s,2s,2s,2s,2s,2s,2s,2s",
                "hookline.delivery.disable-after-failures", "1000"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aBrokerStoppedMidStreamLosesNothingOnceItIsBackOnItsPort() throws Exception {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(100_000, 10, 10), 3);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "kafka outage");
        body.put("events", List.of("order.placed"));
        body.put("timeoutSeconds", 2);
        body.put("retry", Map.of("enabled", true, "maxAttempts", 10));
        body.put(
                "destination",
                Map.of("type", "kafka", "bootstrapServers", "127.0.0.1:" + port, "topic", TOPIC, "key", "tenant"));
        JsonNode webhook = api.createWebhook(tenant, body);
        String webhookId = webhook.get("id").asString();
        String secret = webhook.get("secret").asString();
        JsonNode sample = api.sample(tenant, "order.placed");

        // a consumer reads the topic throughout, through the outage, keeping every record
        Map<String, ConsumerRecord<String, String>> received = new ConcurrentHashMap<>();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        List<String> published = new CopyOnWriteArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> consumer = threads.submit(() -> {
                try (KafkaConsumer<String, String> kafka = consumer()) {
                    TopicPartition partition = new TopicPartition(TOPIC, 0);
                    kafka.assign(List.of(partition));
                    kafka.seekToBeginning(List.of(partition));
                    while (reading.get()) {
                        for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(100))) {
                            if (received.putIfAbsent(header(record, "webhook-id"), record) != null) {
                                duplicates.add(header(record, "webhook-id"));
                            }
                        }
                    }
                }
                return null;
            });
            // events keep coming until AFTER_STOP more were published with the broker down
            AtomicBoolean stopped = new AtomicBoolean();
            Future<?> publisher = threads.submit(() -> {
                int afterStop = 0;
                while (afterStop < AFTER_STOP && published.size() < 5_000) {
                    boolean down = stopped.get();
                    ApiClient.Response answered =
                            api.post("/v1/events", Map.of("type", "order.placed", "data", sample), tenant);
                    assertThat(answered.status()).as(answered.raw()).isEqualTo(202);
                    published.add(answered.json().get("id").asString());
                    afterStop += down ? 1 : 0;
                }
                return null;
            });

            // deliveries are flowing: the broker goes down under them
            Awaitility.await().atMost(DEADLINE).until(() -> received.size() >= 10);
            BrokerServer server =
                    broker.getCluster().brokers().values().iterator().next();
            server.shutdown();
            stopped.set(true);
            publisher.get();
            int acknowledgedBefore = received.size();
            assertThat(acknowledgedBefore).as("the broker stopped mid-stream").isLessThan(published.size());

            // attempts fail with Kafka's reason and are scheduled again, none given up
            Awaitility.await().atMost(DEADLINE).until(() -> retrying(tenant, webhookId) >= 5);
            assertThat(received).hasSize(acknowledgedBefore);

            // the test kit's broker binds its port again on start-up, and keeps its log
            server.startup();
            Awaitility.await().atMost(DEADLINE).until(() -> received.keySet().containsAll(published));
            reading.set(false);
            consumer.get();
        } finally {
            reading.set(false);
        }

        assertThat(published).hasSizeGreaterThan(AFTER_STOP + 10);
        assertThat(Set.copyOf(received.keySet())).containsExactlyInAnyOrderElementsOf(published);
        received.values()
                .forEach(record -> assertThat(StandardWebhooksVerifier.verify(
                                secret,
                                header(record, "webhook-id"),
                                header(record, "webhook-timestamp"),
                                record.value(),
                                header(record, "webhook-signature")))
                        .isTrue());
        // the duplicates a retry may bring are told apart by webhook-id, as integrators do
        assertThat(duplicates).isSubsetOf(published);

        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> statuses(tenant, webhookId, published.size()).stream()
                        .allMatch(status -> status.equals("succeeded")));
        List<JsonNode> retried = api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100").stream()
                .filter(delivery -> delivery.get("attemptCount").asInt() > 1)
                .toList();
        assertThat(retried).isNotEmpty();
        JsonNode attempts = api.get(
                        "/v1/deliveries/" + retried.getFirst().get("id").asString(), tenant)
                .json()
                .get("attempts");
        List<String> outcomes = new ArrayList<>();
        attempts.forEach(attempt -> outcomes.add(
                attempt.get("error").isString()
                        ? attempt.get("error").asString()
                        : attempt.get("responseBody").asString()));
        assertThat(outcomes.getFirst()).startsWith("Kafka did not acknowledge: ");
        assertThat(outcomes.getLast()).startsWith("acknowledged by Kafka: topic " + TOPIC + ", partition 0, offset ");
    }

    /** Deliveries that failed an attempt and are due again (pending with an attempt made). */
    private long retrying(TestTenant tenant, String webhookId) {
        return api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100").stream()
                .filter(delivery -> delivery.get("status").asString().equals("pending")
                        && delivery.get("attemptCount").asInt() >= 1)
                .count();
    }

    private List<String> statuses(TestTenant tenant, String webhookId, int expected) {
        List<JsonNode> deliveries = api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100");
        return deliveries.size() < expected
                ? List.of("missing")
                : deliveries.stream().map(d -> d.get("status").asString()).toList();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
