package io.hookline.api.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import io.hookline.api.support.TcpProxy;
import io.hookline.domain.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks whose destination is an AMQP exchange, against the RabbitMQ server of this machine
 * (127.0.0.1:5672, guest/guest; {@code .ci/run} starts one in CI, where its absence fails the
 * tests instead of skipping them): the message carries the HTTPS body with the headers as
 * message headers; the publisher confirm is the success; a missing exchange and an unroutable
 * message are failed attempts with their reason; an exchange deleted mid-stream, and the way to
 * the broker cut mid-stream (a {@link TcpProxy} in between), lose nothing once they are back.
 */
class AmqpDestinationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static Connection rabbit;
    private static Channel channel;
    private static RunningApp app;

    private final ApiClient api = app.client();

    @BeforeAll
    static void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setConnectionTimeout(2000);
        try {
            rabbit = factory.newConnection("hookline-tests");
        } catch (java.io.IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("RabbitMQ must run on 127.0.0.1:5672 in CI (.ci/run starts it)", e);
            }
            Assumptions.abort("no RabbitMQ on 127.0.0.1:5672 (start it with rabbitmq-server -detached): " + e);
        }
        channel = rabbit.createChannel();
        app = RunningApp.startWithDeliveryAlone(Map.of(
                "hookline.delivery.retry-schedule", "0s,500ms,1s,1s,1s,1s,1s,1s,1s,1s",
                "hookline.delivery.disable-after-failures", "1000"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (app != null) {
            app.close();
        }
        if (rabbit != null) {
            rabbit.close();
        }
    }

    /** A durable exchange with a queue bound under {@code key}; answers the queue's name. */
    private static String exchangeWithQueue(String exchange, String key) throws Exception {
        channel.exchangeDeclare(exchange, "direct", true, true, null);
        String queue =
                channel.queueDeclare("q-" + exchange, false, false, true, null).getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }

    private static Map<String, Object> amqpWebhook(String exchange, String key, Map<String, Object> extra) {
        return amqpWebhook("amqp://guest:guest@127.0.0.1:5672/", exchange, key, extra);
    }

    /** The same, through the broker at {@code uri}. */
    private static Map<String, Object> amqpWebhook(String uri, String exchange, String key, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "amqp " + exchange);
        body.put("events", List.of("order.placed"));
        body.put("timeoutSeconds", 2);
        body.put("destination", Map.of("type", "amqp", "uri", uri, "exchange", exchange, "routingKey", key));
        body.putAll(extra);
        return body;
    }

    /** The queue's messages until one came for each of {@code eventIds}, keyed by event id. */
    private static Map<String, GetResponse> receive(String queue, List<String> eventIds) {
        Map<String, GetResponse> found = new HashMap<>();
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                found.put(header(message, "webhook-id"), message);
            }
            return found.keySet().containsAll(eventIds);
        });
        return found;
    }

    private static String header(GetResponse message, String name) {
        Object value = message.getProps().getHeaders().get(name);
        return value == null ? "" : value.toString();
    }

    private static void assertSigned(GetResponse message, String secret) {
        assertThat(StandardWebhooksVerifier.verify(
                        secret,
                        header(message, "webhook-id"),
                        header(message, "webhook-timestamp"),
                        new String(message.getBody(), StandardCharsets.UTF_8),
                        header(message, "webhook-signature")))
                .as("the message's signature verifies with the webhook's secret")
                .isTrue();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    @Test
    void messageCarriesTheSignedEnvelopeAndHeadersAndThePasswordStaysWriteOnly() throws Exception {
        String exchange = unique("hookline");
        String queue = exchangeWithQueue(exchange, "events");
        TestTenant tenant = api.newTenant();
        JsonNode webhook = api.createWebhook(tenant, amqpWebhook(exchange, "events", Map.of()));
        String webhookId = webhook.get("id").asString();
        assertThat(webhook.get("destination").get("uri").asString()).isEqualTo("amqp://guest:********@127.0.0.1:5672/");
        assertThat(api.get("/v1/webhooks/" + webhookId, tenant).raw()).doesNotContain("guest:guest");

        String eventId = api.publishSample(tenant, "order.placed");
        GetResponse message = receive(queue, List.of(eventId)).get(eventId);

        assertSigned(message, webhook.get("secret").asString());
        assertThat(header(message, "X-Event-Id")).isEqualTo(eventId);
        assertThat(header(message, "X-Event-Type")).isEqualTo("order.placed");
        assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(message.getProps().getContentType()).isEqualTo("application/json");
        JsonNode attempt = api.latestDelivery(tenant, webhookId, "succeeded", DEADLINE)
                .get("attempts")
                .get(0);
        assertThat(attempt.get("responseBody").asString())
                .isEqualTo("confirmed by the broker: exchange " + exchange + ", routing key 'events'");
        assertThat(attempt.get("requestBody").asString())
                .isEqualTo(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void aMissingExchangeAndAnUnroutableMessageAreFailedAttemptsWithTheirReason() throws Exception {
        TestTenant tenant = api.newTenant();
        Map<String, Object> noRetry = Map.of("retry", Map.of("enabled", false));
        String missing = api.createWebhook(tenant, amqpWebhook(unique("missing"), "events", noRetry))
                .get("id")
                .asString();
        String exchange = unique("unrouted");
        exchangeWithQueue(exchange, "bound");
        String unrouted = api.createWebhook(tenant, amqpWebhook(exchange, "not-bound", noRetry))
                .get("id")
                .asString();

        api.publishSample(tenant, "order.placed");

        JsonNode missingAttempt =
                api.finalDelivery(tenant, missing, DEADLINE).get("attempts").get(0);
        assertThat(missingAttempt.get("error").asString())
                .startsWith("the broker did not confirm: NOT_FOUND - no exchange 'missing-");
        JsonNode unroutedDelivery = api.finalDelivery(tenant, unrouted, DEADLINE);
        assertThat(unroutedDelivery.get("status").asString()).isEqualTo("failed");
        assertThat(unroutedDelivery.get("attempts").get(0).get("error").asString())
                .isEqualTo("the exchange " + exchange + " routed the message to no queue (NO_ROUTE, routing key"
                        + " 'not-bound')");
    }

    @Test
    void anExchangeGoneMidStreamLosesNothingOnceItIsBack() throws Exception {
        String exchange = unique("outage");
        String queue = exchangeWithQueue(exchange, "events");
        TestTenant tenant = api.newTenant();
        JsonNode webhook = api.createWebhook(tenant, amqpWebhook(exchange, "events", Map.of()));
        String webhookId = webhook.get("id").asString();
        String before = api.publishSample(tenant, "order.placed");
        receive(queue, List.of(before));

        channel.exchangeDelete(exchange);
        List<String> meanwhile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            meanwhile.add(api.publishSample(tenant, "order.placed"));
        }
        Awaitility.await().atMost(DEADLINE).until(() -> {
            int failed = 0;
            for (JsonNode delivery : api.deliveries(tenant, webhookId)) {
                for (JsonNode attempt : api.get(
                                "/v1/deliveries/" + delivery.get("id").asString(), tenant)
                        .json()
                        .get("attempts")) {
                    if (attempt.get("error").isString()) {
                        failed++;
                        break;
                    }
                }
            }
            return failed == 3;
        });

        channel.exchangeDeclare(exchange, "direct", true, true, null);
        channel.queueBind(queue, exchange, "events");
        Map<String, GetResponse> messages = receive(queue, meanwhile);

        for (String eventId : meanwhile) {
            assertSigned(messages.get(eventId), webhook.get("secret").asString());
        }
        Awaitility.await().atMost(DEADLINE).until(() -> {
            int succeeded = 0;
            for (JsonNode delivery : api.deliveries(tenant, webhookId)) {
                if (delivery.get("status").asString().equals("succeeded")) {
                    succeeded++;
                }
            }
            return succeeded == 4;
        });
    }

    /**
     * The network between Hookline and the broker fails while deliveries flow: a proxy in
     * between drops every connection and refuses new ones, then listens again on its port. The
     * attempts meanwhile fail with the reason and are retried; every event is in the queue once
     * the way is open again.
     */
    @Test
    void aBrokerUnreachableMidStreamLosesNothingOnceItIsBack() throws Exception {
        String exchange = unique("cut");
        String queue = exchangeWithQueue(exchange, "events");
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(100_000, 10, 10), 3);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5672)) {
            Map<String, Object> body = amqpWebhook(
                    "amqp://guest:guest@127.0.0.1:" + proxy.port() + "/",
                    exchange,
                    "events",
                    Map.of("retry", Map.of("enabled", true, "maxAttempts", 10)));
            JsonNode webhook = api.createWebhook(tenant, body);
            String webhookId = webhook.get("id").asString();
            JsonNode sample = api.sample(tenant, "order.placed");

            Map<String, GetResponse> received = new HashMap<>();
            List<String> published = new CopyOnWriteArrayList<>();
            AtomicBoolean cut = new AtomicBoolean();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                // events keep coming until 30 more were published with the way cut
                Future<?> publisher = threads.submit(() -> {
                    int afterCut = 0;
                    while (afterCut < 30 && published.size() < 5_000) {
                        boolean down = cut.get();
                        ApiClient.Response answered =
                                api.post("/v1/events", Map.of("type", "order.placed", "data", sample), tenant);
                        assertThat(answered.status()).as(answered.raw()).isEqualTo(202);
                        published.add(answered.json().get("id").asString());
                        afterCut += down ? 1 : 0;
                    }
                    return null;
                });
                Awaitility.await()
                        .atMost(DEADLINE)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> drain(queue, received) >= 10);
                proxy.cut();
                cut.set(true);
                publisher.get();
            }
            assertThat(received.size()).as("the way was cut mid-stream").isLessThan(published.size());

            // attempts fail for the connection and are due again, none given up
            Awaitility.await()
                    .atMost(DEADLINE)
                    .until(() -> api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100").stream()
                                    .filter(d -> d.get("status").asString().equals("pending")
                                            && d.get("attemptCount").asInt() >= 1)
                                    .count()
                            >= 5);

            proxy.restore();
            Awaitility.await()
                    .atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() ->
                            drain(queue, received) >= 0 && received.keySet().containsAll(published));
            for (GetResponse message : received.values()) {
                assertSigned(message, webhook.get("secret").asString());
            }
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(published);

            Awaitility.await().atMost(DEADLINE).until(() -> {
                List<JsonNode> deliveries = api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100");
                return deliveries.size() == published.size()
                        && deliveries.stream()
                                .allMatch(d -> d.get("status").asString().equals("succeeded"));
            });
            JsonNode retried = api.pageAll(tenant, "/v1/webhooks/" + webhookId + "/deliveries?limit=100").stream()
                    .filter(d -> d.get("attemptCount").asInt() > 1)
                    .findFirst()
                    .orElseThrow();
            JsonNode attempts = api.get("/v1/deliveries/" + retried.get("id").asString(), tenant)
                    .json()
                    .get("attempts");
            // a dropped connection, a refused one, or a publish whose confirm never came
            assertThat(attempts.get(0).get("error").asString())
                    .matches("(could not connect to the broker 127\\.0\\.0\\.1:" + proxy.port() + ": "
                            + "|connection to the broker was closed; the next attempt reconnects"
                            + "|the broker did not confirm: |no confirm from the broker within 2 s).*");
            assertThat(attempts.get(0).get("responseStatus").isNull()).isTrue();
            JsonNode last = attempts.get(attempts.size() - 1);
            assertThat(last.get("error").isNull()).isTrue();
            assertThat(last.get("responseBody").asString())
                    .isEqualTo("confirmed by the broker: exchange " + exchange + ", routing key 'events'");
        }
    }

    /** Takes every message now in the queue into {@code received} by event id; answers how many it holds. */
    private static int drain(String queue, Map<String, GetResponse> received) throws Exception {
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            received.put(header(message, "webhook-id"), message);
        }
        return received.size();
    }
}
