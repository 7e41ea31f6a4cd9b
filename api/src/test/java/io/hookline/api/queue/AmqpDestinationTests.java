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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * message are failed attempts with their reason; an exchange deleted mid-stream loses nothing
 * once it is back.
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
        app = RunningApp.startWithDelivery(Map.of(
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "amqp " + exchange);
        body.put("events", List.of("order.placed"));
        body.put("timeoutSeconds", 2);
        body.put(
                "destination",
                Map.of(
                        "type",
                        "amqp",
                        "uri",
                        "amqp://guest:guest@127.0.0.1:5672/",
                        "exchange",
                        exchange,
                        "routingKey",
                        key));
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
}
