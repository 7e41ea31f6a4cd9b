package io.hookline.api.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import io.hookline.delivery.queue.KafkaPublisher;
import io.hookline.domain.tenant.Tenant;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks whose destination is a Kafka topic, against a real KRaft broker in this JVM: the
 * record carries the HTTPS body and headers and verifies with the same secret; the broker's
 * acknowledgement is the success; a missing topic and a stopped broker are failed attempts with
 * their reason that follow the retry schedule, a topic deleted mid-stream loses nothing once it
 * is back, and a webhook's records reach their partition in publish order. (The broker itself
 * stopped and started again: {@link KafkaBrokerOutageTests}.)
 */
class KafkaDestinationTests {

    private static final String TOPIC = "hookline-events";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The broker's own listener, advertised at its loopback address (port 0: the port it bound). */
    static final String ADVERTISED = "EXTERNAL://127.0.0.1:0";

    private static int port;
    private static EmbeddedKafkaKraftBroker broker;
    /**
     * A node of its own on a database of its own (no other node of the test JVM sends these
     * webhooks' deliveries): retries spaced out and no auto-disable while a broker is down for a
     * while.
     */
    private static RunningApp app;

    private final ApiClient api = app.client();

    @BeforeAll
    static void start() {
        broker = startBroker();
        String servers = broker.getBrokersAsString();
        port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
        app = RunningApp.startWithDeliveryAlone(Map.of(
                "hookline.delivery.retry-schedule", "0s,500ms,1s,1s,1s,1s,1s,1s,1s,1s",
                "hookline.delivery.disable-after-failures", "1000"));
    }

    @AfterAll
    static void stop() {
        app.close();
        broker.destroy();
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        started.brokerProperty("auto.create.topics.enable", "false");
        // the test kit advertises "localhost", a local host name Hookline never dials (see
        // aBrokerTheClusterAdvertisesAtALocalNameIsRefused); 127.0.0.1 is allowed to these tests
        started.brokerProperty("advertised.listeners", ADVERTISED);
        started.afterPropertiesSet();
        return started;
    }

    private static Map<String, Object> kafkaWebhook(String topic, String key, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "kafka " + topic);
        body.put("events", List.of("order.placed"));
        body.put("timeoutSeconds", 2);
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("type", "kafka");
        destination.put("bootstrapServers", "127.0.0.1:" + port);
        destination.put("topic", topic);
        destination.put("key", key);
        body.put("destination", destination);
        body.putAll(extra);
        return body;
    }

    /** Reads the topic from the start until a record with each of {@code eventIds} came, keyed by event id. */
    private static Map<String, ConsumerRecord<String, String>> consume(List<String> eventIds) {
        return consume(TOPIC, eventIds);
    }

    private static Map<String, ConsumerRecord<String, String>> consume(String topic, List<String> eventIds) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, ConsumerRecord<String, String>> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            // no consumer group: the one partition read from its start
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(DEADLINE).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = header(record, "webhook-id");
                    if (eventIds.contains(id)) {
                        found.put(id, record);
                    }
                }
                return found.keySet().containsAll(eventIds);
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertSigned(ConsumerRecord<String, String> record, String secret) {
        assertThat(StandardWebhooksVerifier.verify(
                        secret,
                        header(record, "webhook-id"),
                        header(record, "webhook-timestamp"),
                        record.value(),
                        header(record, "webhook-signature")))
                .as("the record's signature verifies with the webhook's secret")
                .isTrue();
    }

    /**
     * Publishes a sample event and awaits its delivery's end: it must have failed, its first
     * attempt with no response status; returns that attempt's error.
     */
    private String failedFirstAttemptError(TestTenant tenant, String webhookId) {
        api.publishSample(tenant, "order.placed");
        JsonNode delivery = api.finalDelivery(tenant, webhookId, DEADLINE);
        assertThat(delivery.get("status").asString()).isEqualTo("failed");
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("responseStatus").isNull()).isTrue();
        return attempt.get("error").asString();
    }

    @Test
    void recordCarriesTheSignedEnvelopeAndHeadersAndTheLogShowsTheAcknowledgement() {
        TestTenant tenant = api.newTenant();
        JsonNode webhook = api.createWebhook(tenant, kafkaWebhook(TOPIC, "event-type", Map.of()));
        String webhookId = webhook.get("id").asString();
        assertThat(webhook.get("url").asString()).isEqualTo("kafka://127.0.0.1:" + port + "/" + TOPIC);
        assertThat(webhook.get("destination").get("type").asString()).isEqualTo("kafka");

        String eventId = api.publishSample(tenant, "order.placed");
        ConsumerRecord<String, String> record = consume(List.of(eventId)).get(eventId);

        assertSigned(record, webhook.get("secret").asString());
        assertThat(record.key()).isEqualTo("order.placed");
        assertThat(header(record, "X-Event-Id")).isEqualTo(eventId);
        assertThat(header(record, "X-Event-Type")).isEqualTo("order.placed");
        assertThat(header(record, "X-Administration-Code")).isEqualTo(tenant.code());
        assertThat(header(record, "X-Delivery-Attempt")).isEqualTo("1");
        JsonNode envelope = ApiClient.JSON.readTree(record.value());
        assertThat(envelope.get("id").asString()).isEqualTo(eventId);
        assertThat(envelope.get("type").asString()).isEqualTo("order.placed");

        JsonNode delivery = api.latestDelivery(tenant, webhookId, "succeeded", DEADLINE);
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("responseStatus").isNull()).isTrue();
        assertThat(attempt.get("responseBody").asString())
                .isEqualTo("acknowledged by Kafka: topic " + TOPIC + ", partition " + record.partition() + ", offset "
                        + record.offset());
        assertThat(attempt.get("requestBody").asString()).isEqualTo(record.value());
    }

    /**
     * Several webhooks publish hundreds of events each, in batches of 100 at once and in quick
     * bursts of single publishes, into a topic of several partitions: every record arrives once,
     * and within each partition the records of each key (the tenant, so one webhook) are in the
     * order their events were published, though the node sends many deliveries at once.
     */
    @Test
    void recordsOfOneKeyReachTheirPartitionInPublishOrderWithNoneMissingOrTwice() throws Exception {
        String topic = "ordered-" + Long.toHexString(System.nanoTime());
        broker.addTopics(new NewTopic(topic, 4, (short) 1));
        int tenants = 3;
        List<TestTenant> owners = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            TestTenant tenant = api.newTenant(new Tenant.RateLimit(100_000, 10, 10), 3);
            api.createWebhook(tenant, kafkaWebhook(topic, "tenant", Map.of("timeoutSeconds", 10)));
            owners.add(tenant);
        }
        JsonNode sample = api.sample(owners.getFirst(), "order.placed");

        // each tenant publishes from a thread of its own: batches at once, then bursts of singles
        Map<String, List<String>> published = new ConcurrentHashMap<>();
        try (ExecutorService publishers = Executors.newFixedThreadPool(tenants)) {
            List<Future<?>> done = new ArrayList<>();
            for (TestTenant tenant : owners) {
                done.add(publishers.submit(() -> published.put(tenant.id(), publishInOrder(tenant, sample))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        int total = published.values().stream().mapToInt(List::size).sum();
        assertThat(total).isEqualTo(tenants * 300);

        // every partition from its start until each event came, keeping duplicates
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new TreeMap<>();
        Set<String> wanted = new HashSet<>();
        published.values().forEach(wanted::addAll);
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollDelay(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            String id = header(record, "webhook-id");
                            if (!seen.add(id)) {
                                duplicates.add(id);
                            }
                            byPartition
                                    .computeIfAbsent(record.partition(), p -> new ArrayList<>())
                                    .add(record);
                        }
                        return seen.containsAll(wanted);
                    });
            // anything sent twice would have come by now, with the rest
            consumer.poll(Duration.ofMillis(500)).forEach(record -> duplicates.add(header(record, "webhook-id")));
        }

        assertThat(duplicates).as("records sent twice").isEmpty();
        assertThat(seen).isEqualTo(wanted);
        for (Map.Entry<Integer, List<ConsumerRecord<String, String>>> partition : byPartition.entrySet()) {
            Map<String, List<String>> perKey = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : partition.getValue()) {
                perKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(header(record, "webhook-id"));
            }
            perKey.forEach((key, received) -> assertThat(received)
                    .as("records of key %s in partition %d, in publish order", key, partition.getKey())
                    .containsExactlyElementsOf(published.get(key)));
        }
    }

    /**
     * 300 events of one tenant, each publish answered before the next is sent: two batches of
     * 100 (the events of a batch are published one after another), then 100 single publishes.
     * Answers their ids in that order.
     */
    private List<String> publishInOrder(TestTenant tenant, JsonNode sample) {
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(Map.of("type", "order.placed", "data", sample));
            }
            Response answered = api.post("/v1/events/batch", Map.of("events", events), tenant);
            assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
            answered.json().get("results").forEach(result -> {
                assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(202);
                ids.add(result.get("id").asString());
            });
        }
        for (int i = 0; i < 100; i++) {
            Response answered = api.post("/v1/events", Map.of("type", "order.placed", "data", sample), tenant);
            assertThat(answered.status()).as(answered.raw()).isEqualTo(202);
            ids.add(answered.json().get("id").asString());
        }
        return ids;
    }

    private static KafkaConsumer<String, String> consumer() {
        return consumer("127.0.0.1:" + port);
    }

    private static KafkaConsumer<String, String> consumer(String servers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    /**
     * Only the bootstrap servers are in the webhook; the brokers a producer then talks to are
     * those the cluster advertises. A cluster reached at an allowed address that advertises a
     * local one is refused before any record is handed over, with the address in the log.
     */
    @Test
    void aBrokerTheClusterAdvertisesAtALocalNameIsRefused() {
        EmbeddedKafkaKraftBroker local = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        local.afterPropertiesSet();
        try {
            String servers = local.getBrokersAsString();
            assertThat(servers).startsWith("localhost:");
            int localPort = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
            TestTenant tenant = api.newTenant();
            Map<String, Object> body = kafkaWebhook(TOPIC, "tenant", Map.of("retry", Map.of("enabled", false)));
            @SuppressWarnings("unchecked")
            Map<String, Object> destination = (Map<String, Object>) body.get("destination");
            destination.put("bootstrapServers", "127.0.0.1:" + localPort);
            String webhookId = api.createWebhook(tenant, body).get("id").asString();

            assertThat(failedFirstAttemptError(tenant, webhookId))
                    .isEqualTo("refused: the cluster advertises the broker localhost:" + localPort
                            + " (localhost is a local host name)");
            try (KafkaConsumer<String, String> consumer = consumer(servers)) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                assertThat(consumer.endOffsets(List.of(partition)).get(partition))
                        .as("no record reached the broker")
                        .isZero();
            }
        } finally {
            local.destroy();
        }
    }

    /**
     * One tenant's broker accepts connections and never answers (a hung listener: the kernel
     * completes the handshake, nothing reads): its producer waits out the webhook's 15 s timeout
     * on every attempt. Another tenant's deliveries meanwhile go out at once, all of them before
     * the hung webhook's first attempt has even ended.
     */
    @Test
    void aTenantsHungBrokerDoesNotHoldUpAnotherTenantsDeliveries() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
                Receiver receiver = new Receiver()) {
            TestTenant stuck = api.newTenant();
            Map<String, Object> body = kafkaWebhook(TOPIC, "tenant", Map.of("timeoutSeconds", 15));
            @SuppressWarnings("unchecked")
            Map<String, Object> destination = (Map<String, Object>) body.get("destination");
            destination.put("bootstrapServers", "127.0.0.1:" + hung.getLocalPort());
            String stuckWebhook = api.createWebhook(stuck, body).get("id").asString();
            for (int i = 0; i < 40; i++) {
                api.publishSample(stuck, "order.placed");
            }
            String firstStuck = Awaitility.await("the hung webhook's attempts are under way")
                    .atMost(DEADLINE)
                    .until(() -> delivering(stuck, stuckWebhook), id -> id != null);

            TestTenant other = api.newTenant();
            String otherWebhook = api.webhook(other, receiver.url("/fine"), Map.of());
            for (int i = 0; i < 20; i++) {
                api.publishSample(other, "order.placed");
            }

            assertThat(receiver.awaitRequests(20, DEADLINE)).hasSize(20);
            Awaitility.await("the other tenant's deliveries are recorded")
                    .atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(api.deliveries(other, otherWebhook))
                            .hasSize(20)
                            .allSatisfy(
                                    d -> assertThat(d.get("status").asString()).isEqualTo("succeeded")));
            JsonNode still = api.get("/v1/deliveries/" + firstStuck, stuck).json();
            assertThat(still.get("status").asString())
                    .as("the hung broker's first attempt had not ended when the other tenant's were all in")
                    .isEqualTo("delivering");
            assertThat(still.get("attempts")).isEmpty();
        }
    }

    /** The id of one of the webhook's deliveries being attempted now, if any. */
    private @Nullable String delivering(TestTenant tenant, String webhookId) {
        for (JsonNode delivery : api.deliveries(tenant, webhookId)) {
            if (delivery.get("status").asString().equals("delivering")) {
                return delivery.get("id").asString();
            }
        }
        return null;
    }

    @Test
    void aMissingTopicIsAFailedAttemptWithItsReason() {
        TestTenant tenant = api.newTenant();
        String webhookId = api.createWebhook(
                        tenant, kafkaWebhook("no-such-topic", "tenant", Map.of("retry", Map.of("enabled", false))))
                .get("id")
                .asString();

        assertThat(failedFirstAttemptError(tenant, webhookId))
                .startsWith("Kafka did not acknowledge: TimeoutException: Topic no-such-topic not present in metadata");
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + webhookId + "/stats?window=24h", tenant)
                        .raw()
                        .contains("\"timeout\":1"));
    }

    /**
     * The topic goes away mid-stream and comes back: the deliveries made meanwhile fail with the
     * broker's reason, retry, and all arrive once it is back.
     */
    @Test
    void aTopicGoneMidStreamLosesNothingOnceItIsBack() throws Exception {
        String topic = "outage-" + Long.toHexString(System.nanoTime());
        broker.addTopics(topic);
        TestTenant tenant = api.newTenant();
        JsonNode webhook = api.createWebhook(tenant, kafkaWebhook(topic, "tenant", Map.of()));
        String webhookId = webhook.get("id").asString();
        String before = api.publishSample(tenant, "order.placed");
        consume(topic, List.of(before));

        broker.doWithAdminFunction(admin -> {
            try {
                return admin.deleteTopics(List.of(topic)).all().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> meanwhile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            meanwhile.add(api.publishSample(tenant, "order.placed"));
        }
        // each of them has failed at least once, with the broker's reason in the log
        Awaitility.await().atMost(DEADLINE).until(() -> failedAtLeastOnce(tenant, webhookId) == 3);

        broker.addTopics(topic);
        Map<String, ConsumerRecord<String, String>> records = consume(topic, meanwhile);

        for (String eventId : meanwhile) {
            assertSigned(records.get(eventId), webhook.get("secret").asString());
            assertThat(records.get(eventId).key()).isEqualTo(tenant.id());
        }
        Awaitility.await().atMost(DEADLINE).until(() -> {
            JsonNode deliveries = api.deliveries(tenant, webhookId);
            int succeeded = 0;
            for (JsonNode delivery : deliveries) {
                if (delivery.get("status").asString().equals("succeeded")) {
                    succeeded++;
                }
            }
            return deliveries.size() == 4 && succeeded == 4;
        });
    }

    private int failedAtLeastOnce(TestTenant tenant, String webhookId) {
        int failed = 0;
        for (JsonNode delivery : api.deliveries(tenant, webhookId)) {
            JsonNode attempts = api.get("/v1/deliveries/" + delivery.get("id").asString(), tenant)
                    .json()
                    .get("attempts");
            for (JsonNode attempt : attempts) {
                if (attempt.get("error").isString()
                        && attempt.get("error").asString().startsWith("Kafka did not acknowledge")) {
                    failed++;
                    break;
                }
            }
        }
        return failed;
    }

    @Test
    void theSaslPasswordIsWriteOnlyAndAPrivateBrokerIsRefused() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = kafkaWebhook(TOPIC, "webhook", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> destination = (Map<String, Object>) body.get("destination");
        destination.put(
                "security",
                Map.of(
                        "protocol", "SASL_SSL",
                        "saslMechanism", "SCRAM-SHA-512",
                        "username", "hookline",
                        "password", "kafka-pa55word"));
        JsonNode created = api.createWebhook(tenant, body);
        String webhookId = created.get("id").asString();

        assertThat(created.get("destination").get("security").get("password").asString())
                .isEqualTo("********");
        Response read = api.get("/v1/webhooks/" + webhookId, tenant);
        assertThat(read.raw()).doesNotContain("kafka-pa55word").contains("\"password\":\"********\"");

        // SASL without any password is refused, naming the field
        destination.put("security", Map.of("protocol", "SASL_PLAINTEXT", "saslMechanism", "PLAIN", "username", "u"));
        Response noPassword = api.post("/v1/webhooks", body, tenant);
        assertThat(noPassword.status()).isEqualTo(422);
        assertThat(noPassword.invalidFields()).containsExactly("destination.security.password");

        // a broker in a private range is refused like a private URL
        destination.remove("security");
        destination.put("bootstrapServers", "10.1.2.3:9092");
        Response privateBroker = api.post("/v1/webhooks", body, tenant);
        assertThat(privateBroker.status()).isEqualTo(422);
        assertThat(privateBroker.raw()).contains("'10.1.2.3:9092' points to a non-public address (10.1.2.3)");
    }

    @Test
    void aPatchKeepsTheStoredPasswordAndMovingItToOtherBrokersNeedsTheSecretsScope() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = kafkaWebhook(TOPIC, "tenant", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> destination = (Map<String, Object>) body.get("destination");
        destination.put(
                "security",
                Map.of("protocol", "SASL_PLAINTEXT", "saslMechanism", "PLAIN", "username", "u", "password", "p1"));
        String webhookId = api.createWebhook(tenant, body).get("id").asString();
        String writer = api.token(List.of(tenant.id()), List.of("webhooks:read", "webhooks:write"));

        // the masked value sent back keeps the stored password
        destination.put(
                "security",
                Map.of(
                        "protocol", "SASL_PLAINTEXT",
                        "saslMechanism", "PLAIN",
                        "username", "u2",
                        "password", "********"));
        Response kept = api.patch("/v1/webhooks/" + webhookId, Map.of("destination", destination), writer, tenant.id());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json()
                        .get("destination")
                        .get("security")
                        .get("username")
                        .asString())
                .isEqualTo("u2");
        assertThat(kept.json()
                        .get("destination")
                        .get("security")
                        .get("password")
                        .asString())
                .isEqualTo("********");

        // the stored password may not follow the destination to other brokers without webhooks:secrets
        destination.put("bootstrapServers", "127.0.0.2:" + port);
        Response moved =
                api.patch("/v1/webhooks/" + webhookId, Map.of("destination", destination), writer, tenant.id());
        assertThat(moved.status()).isEqualTo(403);
        assertThat(moved.json().get("detail").asString())
                .isEqualTo("moving a destination with a stored password to other brokers needs the"
                        + " webhooks:secrets scope, or the password sent again with the new address");

        // sent again, the password goes with it
        destination.put(
                "security",
                Map.of("protocol", "SASL_PLAINTEXT", "saslMechanism", "PLAIN", "username", "u2", "password", "p2"));
        Response resent =
                api.patch("/v1/webhooks/" + webhookId, Map.of("destination", destination), writer, tenant.id());
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().get("url").asString()).isEqualTo("kafka://127.0.0.2:" + port + "/" + TOPIC);
    }

    @Test
    void theTestEndpointPublishesToTheTopic() {
        TestTenant tenant = api.newTenant();
        JsonNode webhook = api.createWebhook(tenant, kafkaWebhook(TOPIC, "webhook", Map.of()));
        String webhookId = webhook.get("id").asString();

        Response tested = api.post("/v1/webhooks/" + webhookId + "/test", Map.of("eventType", "order.placed"), tenant);

        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("succeeded").asBoolean()).isTrue();
        String eventId = api.latestDelivery(tenant, webhookId, "succeeded", DEADLINE)
                .get("eventId")
                .asString();
        ConsumerRecord<String, String> record = consume(List.of(eventId)).get(eventId);
        assertSigned(record, webhook.get("secret").asString());
        assertThat(record.key()).isEqualTo(webhookId);
    }

    @Test
    void changingOrDeletingTheWebhookClosesItsProducer() {
        TestTenant tenant = api.newTenant();
        String webhookId = api.createWebhook(tenant, kafkaWebhook(TOPIC, "tenant", Map.of()))
                .get("id")
                .asString();
        String eventId = api.publishSample(tenant, "order.placed");
        consume(List.of(eventId));
        api.latestDelivery(tenant, webhookId, "succeeded", DEADLINE);
        KafkaPublisher publisher = app.bean(KafkaPublisher.class);
        int open = publisher.openProducers();
        assertThat(open).isPositive();

        assertThat(api.delete("/v1/webhooks/" + webhookId, tenant).status()).isEqualTo(204);

        assertThat(publisher.openProducers()).isEqualTo(open - 1);
    }
}
