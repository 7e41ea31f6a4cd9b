package io.hookline.api.delivery;

import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import io.hookline.domain.event.EventPublisher;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class DeliveryTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, Object> webhook(String path, String... events) {
        return ApiClient.webhookBody("receiver " + path, receiver.url(path), events);
    }

    private JsonNode create(TestTenant tenant, Map<String, Object> webhook) {
        return api.createWebhook(tenant, webhook);
    }

    private JsonNode orderData(String currency) {
        JsonNode sample = api.sample(api.newTenant(), "order.placed");
        ((tools.jackson.databind.node.ObjectNode) sample.get("total")).put("currency", currency);
        return sample;
    }

    private Response publish(TestTenant tenant, String type, JsonNode data) {
        return api.post("/v1/events", Map.of("type", type, "data", data), tenant);
    }

    private JsonNode awaitDelivery(TestTenant tenant, String webhookId, String status) {
        return api.latestDelivery(tenant, webhookId, status, DEADLINE);
    }

    /**
     * A publishing transaction takes room among its node's requests in flight for the deliveries
     * it will hand over on commit. One that rolls back gives the room back and sends nothing:
     * on a node with room for two, five rolled-back publishes leave it delivering as before.
     */
    @Test
    void aRolledBackPublishSendsNothingAndGivesBackTheRoomItTookForItsDeliveries() {
        try (RunningApp node = RunningApp.startWithDeliveryAlone(Map.of("hookline.delivery.concurrency", "2"))) {
            ApiClient client = node.client();
            TestTenant tenant = client.newTenant();
            client.webhook(tenant, receiver.url("/rolled"), Map.of());
            TenantId tenantId = new TenantId(tenant.id());
            JsonNode data = client.sample(tenant, "order.placed");
            TransactionTemplate transaction = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
            List<String> rolledBack = new ArrayList<>();
            try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", tenantId))) {
                for (int i = 0; i < 5; i++) {
                    transaction.executeWithoutResult(status -> {
                        rolledBack.add(node.bean(EventPublisher.class)
                                .publish(tenantId, "order.placed", data, null, null)
                                .event()
                                .id()
                                .value());
                        status.setRollbackOnly();
                    });
                }
            }
            MeterRegistry meters = node.bean(MeterRegistry.class);
            assertThat(meters.get("hookline.delivery.in.flight").gauge().value())
                    .isZero();

            String published = client.publishSample(tenant, "order.placed");
            receiver.awaitRequests(1, DEADLINE);
            assertThat(receiver.received())
                    .extracting(request -> request.header("webhook-id"))
                    .containsExactly(published)
                    .doesNotContainAnyElementsOf(rolledBack);
        }
    }

    @Test
    void aPublishedEventIsDeliveredSignedWithEveryHeaderOfTheContract() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/orders");
        spec.put("headers", Map.of("X-Custom", "v"));
        JsonNode webhook = create(tenant, spec);
        String secret = webhook.get("secret").asString();

        Response published = publish(tenant, "order.placed", orderData("EUR"));

        assertThat(published.status()).isEqualTo(202);
        String eventId = published.json().get("id").asString();
        Receiver.Request request = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("user-agent")).startsWith("Hookline-Webhooks/");
        assertThat(request.header("webhook-id")).isEqualTo(eventId);
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
        assertThat(StandardWebhooksVerifier.verify(
                        secret,
                        eventId,
                        request.header("webhook-timestamp"),
                        request.body(),
                        request.header("webhook-signature")))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(
                        secret,
                        eventId,
                        request.header("webhook-timestamp"),
                        request.body() + " ",
                        request.header("webhook-signature")))
                .isFalse();
        assertThat(request.header("x-event-id")).isEqualTo(eventId);
        assertThat(request.header("x-event-type")).isEqualTo("order.placed");
        assertThat(request.header("x-administration-code")).isEqualTo(tenant.code());
        assertThat(request.header("x-triggeredby-id")).isEqualTo("usr_test");
        assertThat(request.header("x-delivery-attempt")).isEqualTo("1");
        assertThat(request.header("x-custom")).isEqualTo("v");
        JsonNode envelope = ApiClient.JSON.readTree(request.body());
        assertThat(envelope.get("id").asString()).isEqualTo(eventId);
        assertThat(envelope.get("type").asString()).isEqualTo("order.placed");
        assertThat(envelope.get("tenantId").asString()).isEqualTo(tenant.id());
        assertThat(envelope.get("administrationCode").asString()).isEqualTo(tenant.code());
        assertThat(envelope.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(envelope.get("data").get("total").get("currency").asString()).isEqualTo("EUR");

        JsonNode delivery = awaitDelivery(tenant, webhook.get("id").asString(), "succeeded");
        assertThat(delivery.get("eventId").asString()).isEqualTo(eventId);
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(1);
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("number").asInt()).isEqualTo(1);
        assertThat(attempt.get("responseStatus").asInt()).isEqualTo(200);
        assertThat(attempt.get("requestHeaders").get("webhook-signature").asString())
                .isEqualTo(request.header("webhook-signature"));
        assertThat(attempt.get("requestBody").asString()).isEqualTo(request.body());
        assertThat(attempt.get("error").isNull()).isTrue();
    }

    @Test
    void everyAttemptReadsBackEveryHeaderItSentWhetherLoggedInFullOrWithTheDerivedOnesLeftOut() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/log");
        spec.put("headers", Map.of("X-Custom", "v", "Authorization", "Bearer s3cr3t"));
        String webhookId = create(tenant, spec).get("id").asString();
        String eventId = publish(tenant, "order.placed", orderData("EUR"))
                .json()
                .get("id")
                .asString();
        Receiver.Request first = receiver.awaitRequests(1, DEADLINE).getFirst();
        String deliveryId =
                awaitDelivery(tenant, webhookId, "succeeded").get("id").asString();
        assertThat(api.post("/v1/deliveries/" + deliveryId + "/resend", null, tenant)
                        .status())
                .isEqualTo(202);
        Receiver.Request second = receiver.awaitRequests(2, DEADLINE).get(1);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> attempts(tenant, deliveryId).size() == 2);
        JsonNode attempts = attempts(tenant, deliveryId);
        DSLContext dsl = app.bean(DSLContext.class);

        for (int i = 0; i < 2; i++) {
            Receiver.Request sent = i == 0 ? first : second;
            JsonNode attempt = attempts.get(i);
            Map<String, String> full = new LinkedHashMap<>();
            for (String name : List.of(
                    "X-Custom",
                    "Content-Type",
                    "User-Agent",
                    "webhook-id",
                    "webhook-timestamp",
                    "webhook-signature",
                    "X-Event-Id",
                    "X-Event-Type",
                    "X-Administration-Code",
                    "X-TriggeredBy-Id",
                    "X-Delivery-Attempt")) {
                full.put(name, sent.header(name));
            }
            full.put("Authorization", "********");
            assertThat(full)
                    .containsEntry("X-Delivery-Attempt", String.valueOf(i + 1))
                    .containsEntry("webhook-id", eventId);
            // the log has always shown the headers as jsonb orders them
            String asJsonbOrdersThem = ApiClient.JSON
                    .readTree(dsl.fetchSingle("select ?::jsonb::text", ApiClient.JSON.writeValueAsString(full))
                            .get(0, String.class))
                    .toString();
            String stored = dsl.fetchSingle(
                            "select request_headers::text from delivery_attempt where id = ?",
                            attempt.get("id").asString())
                    .get(0, String.class);
            assertThat(stored).contains("@derived").doesNotContain("X-Event-Id").doesNotContain(eventId);

            assertThat(attempt.get("requestHeaders").toString()).isEqualTo(asJsonbOrdersThem);

            // as an attempt logged before the derived headers were left out: the full map
            dsl.update(DELIVERY_ATTEMPT)
                    .set(DELIVERY_ATTEMPT.REQUEST_HEADERS, JSONB.valueOf(ApiClient.JSON.writeValueAsString(full)))
                    .where(DELIVERY_ATTEMPT.ID.eq(attempt.get("id").asString()))
                    .execute();
            assertThat(attempts(tenant, deliveryId).get(i).get("requestHeaders").toString())
                    .isEqualTo(asJsonbOrdersThem);
        }
    }

    private JsonNode attempts(TestTenant tenant, String deliveryId) {
        return api.get("/v1/deliveries/" + deliveryId, tenant).json().get("attempts");
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstEventAndDeliversItOnce() {
        TestTenant tenant = api.newTenant();
        create(tenant, webhook("/idem"));
        JsonNode data = orderData("EUR");
        Map<String, String> key = Map.of("Idempotency-Key", "order-42");

        Response first = api.send(
                "POST", "/v1/events", Map.of("type", "order.placed", "data", data), tenant.token(), tenant.id(), key);
        Response again = api.send(
                "POST", "/v1/events", Map.of("type", "order.placed", "data", data), tenant.token(), tenant.id(), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        receiver.awaitRequests(1, DEADLINE);
        assertThat(api.get("/v1/events", tenant).json().get("data")).hasSize(1);
        assertThat(api.get("/v1/events/" + first.json().get("id").asString(), tenant)
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("order.placed");
    }

    @Test
    void dataThatBreaksTheSchemaIsRefusedAndNothingIsWritten() {
        TestTenant tenant = api.newTenant();
        create(tenant, webhook("/bad"));
        var data = (tools.jackson.databind.node.ObjectNode) orderData("EUR");
        data.remove("customerId");

        Response response = publish(tenant, "order.placed", data);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("data");
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .contains("customerId");
        assertThat(publish(tenant, "order.exploded", data).status()).isEqualTo(422);
        assertThat(api.get("/v1/events", tenant).json().get("data")).isEmpty();
    }

    @Test
    void failedAttemptsAreRetriedAndRetryAfterIsHonouredWhenLonger() {
        TestTenant tenant = api.newTenant();
        receiver.then(
                Reply.json(500, "{\"reason\":\"database down\"}"),
                Reply.status(503).withHeader("Retry-After", "1"),
                Reply.status(200));
        JsonNode webhook = create(tenant, webhook("/flaky"));

        publish(tenant, "order.placed", orderData("EUR"));

        JsonNode delivery = awaitDelivery(tenant, webhook.get("id").asString(), "succeeded");
        List<Receiver.Request> requests = receiver.received();
        assertThat(requests).extracting(r -> r.header("x-delivery-attempt")).containsExactly("1", "2", "3");
        assertThat(requests)
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(requests.getFirst().header("webhook-id"));
        JsonNode attempts = delivery.get("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("responseStatus").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("reason").asString()).isEqualTo("database down");
        assertThat(attempts.get(1).get("responseStatus").asInt()).isEqualTo(503);
        assertThat(attempts.get(2).get("responseStatus").asInt()).isEqualTo(200);
        Instant second = Instant.parse(attempts.get(1).get("startedAt").asString());
        Instant third = Instant.parse(attempts.get(2).get("startedAt").asString());
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(api.get("/v1/webhooks/" + webhook.get("id").asString(), tenant)
                        .json()
                        .get("consecutiveFailures")
                        .asInt())
                .isZero();
    }

    @Test
    void aDeliveryFailsWhenItsAttemptsRunOut() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(500));
        Map<String, Object> spec = webhook("/down");
        spec.put("retry", Map.of("maxAttempts", 2));
        JsonNode webhook = create(tenant, spec);

        publish(tenant, "order.placed", orderData("EUR"));

        JsonNode delivery = awaitDelivery(tenant, webhook.get("id").asString(), "failed");
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(2);
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        assertThat(receiver.received()).hasSize(2);
        assertThat(api.get("/v1/webhooks/" + webhook.get("id").asString() + "/deliveries?status=failed", tenant)
                        .json()
                        .get("data"))
                .hasSize(1);
        assertThat(api.get("/v1/webhooks/" + webhook.get("id").asString() + "/deliveries?status=succeeded", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void withRetriesOffOneFailureIsFinal() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(500));
        Map<String, Object> spec = webhook("/once");
        spec.put("retry", Map.of("enabled", false));
        JsonNode webhook = create(tenant, spec);

        publish(tenant, "order.placed", orderData("EUR"));

        assertThat(awaitDelivery(tenant, webhook.get("id").asString(), "failed")
                        .get("attemptCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(302).withHeader("Location", receiver.url("/elsewhere")));
        Map<String, Object> spec = webhook("/moved");
        spec.put("retry", Map.of("enabled", false));
        JsonNode webhook = create(tenant, spec);

        publish(tenant, "order.placed", orderData("EUR"));

        JsonNode delivery = awaitDelivery(tenant, webhook.get("id").asString(), "failed");
        assertThat(delivery.get("attempts").get(0).get("responseStatus").asInt())
                .isEqualTo(302);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReceiverSlowerThanTheTimeoutFails() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(200).after(Duration.ofMillis(2500)));
        Map<String, Object> spec = webhook("/slow");
        spec.put("timeoutSeconds", 1);
        spec.put("retry", Map.of("enabled", false));
        JsonNode webhook = create(tenant, spec);

        publish(tenant, "order.placed", orderData("EUR"));

        JsonNode attempt = awaitDelivery(tenant, webhook.get("id").asString(), "failed")
                .get("attempts")
                .get(0);
        assertThat(attempt.get("responseStatus").isNull()).isTrue();
        assertThat(attempt.get("error").asString()).isEqualTo("no complete response within 1 s");
        assertThat(attempt.get("durationMs").asInt()).isBetween(900, 2400);
    }

    @Test
    void goneDisablesTheWebhookAndTellsTheTenantsOtherWebhooks() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(
                request -> request.body().contains("\"webhook.disabled\"") ? Reply.status(200) : Reply.status(410));
        JsonNode gone = create(tenant, webhook("/gone"));
        JsonNode watcher = create(tenant, webhook("/watcher", "webhook.disabled"));

        publish(tenant, "order.placed", orderData("EUR"));

        awaitDelivery(tenant, gone.get("id").asString(), "failed");
        JsonNode disabled =
                api.get("/v1/webhooks/" + gone.get("id").asString(), tenant).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("disabledReason").asString()).contains("410");
        JsonNode notice = awaitDelivery(tenant, watcher.get("id").asString(), "succeeded");
        assertThat(notice.get("eventType").asString()).isEqualTo("webhook.disabled");
        JsonNode envelope = ApiClient.JSON.readTree(
                notice.get("attempts").get(0).get("requestBody").asString());
        assertThat(envelope.get("data").get("webhookId").asString())
                .isEqualTo(gone.get("id").asString());
    }

    @Test
    void consecutiveFailuresDisableTheWebhookParkItsDeliveriesAndReEnablingResumesThem() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(500));
        Map<String, Object> spec = webhook("/broken");
        spec.put("retry", Map.of("maxAttempts", 10));
        String id = create(tenant, spec).get("id").asString();

        publish(tenant, "order.placed", orderData("EUR"));

        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> !api.get("/v1/webhooks/" + id, tenant)
                        .json()
                        .get("enabled")
                        .asBoolean());
        JsonNode disabled = api.get("/v1/webhooks/" + id, tenant).json();
        assertThat(disabled.get("disabledReason").asString()).isEqualTo("5 consecutive failed attempts");
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(5);
        int attemptsWhenDisabled = receiver.received().size();

        JsonNode enabled =
                api.patch("/v1/webhooks/" + id, Map.of("enabled", true), tenant).json();
        assertThat(enabled.get("consecutiveFailures").asInt()).isZero();
        assertThat(enabled.get("disabledReason").isNull()).isTrue();
        assertThat(attemptsWhenDisabled).isEqualTo(5);
    }

    @Test
    void sitesAndFiltersDecideWhichWebhooksGetAnEvent() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> euros = webhook("/eur");
        euros.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "order.placed",
                        "property",
                        "data.total.currency",
                        "operator",
                        "equals",
                        "values",
                        List.of("EUR"))));
        Map<String, Object> notUsd = webhook("/not-usd");
        notUsd.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "order.placed",
                        "property",
                        "data.total.currency",
                        "operator",
                        "not_in",
                        "values",
                        List.of("USD", "GBP"))));
        Map<String, Object> oneSite = webhook("/site");
        oneSite.put("sites", List.of("site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1"));
        create(tenant, euros);
        create(tenant, notUsd);
        create(tenant, oneSite);

        api.post("/v1/events", Map.of("type", "order.placed", "data", orderData("USD")), tenant);
        api.post(
                "/v1/events",
                Map.of("type", "order.placed", "data", orderData("EUR"), "siteId", "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1"),
                tenant);
        api.post("/v1/events", Map.of("type", "order.placed", "data", orderData("CHF")), tenant);

        List<Receiver.Request> requests = receiver.awaitRequests(4, DEADLINE);
        Map<String, Long> byPath = new java.util.TreeMap<>();
        for (Receiver.Request request : requests) {
            String currency = ApiClient.JSON
                    .readTree(request.body())
                    .get("data")
                    .get("total")
                    .get("currency")
                    .asString();
            byPath.merge(currency, 1L, Long::sum);
        }
        assertThat(byPath).containsExactlyInAnyOrderEntriesOf(Map.of("EUR", 3L, "CHF", 1L));
    }

    @Test
    void anAsyncReceiverSettlesTheDeliveryThroughItsSingleUseLink() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(202));
        Map<String, Object> spec = webhook("/async");
        spec.put("asyncAcknowledgement", true);
        JsonNode webhook = create(tenant, spec);

        publish(tenant, "order.placed", orderData("EUR"));

        awaitDelivery(tenant, webhook.get("id").asString(), "waiting");
        String link = ApiClient.JSON
                .readTree(receiver.received().getFirst().body())
                .get("meta")
                .get("link")
                .asString();
        assertThat(link).startsWith(app.baseUrl() + "/acks/");
        Response settled = api.post(link, Map.of("status", "done", "reason", "imported"), null, null);
        assertThat(settled.status()).isEqualTo(204);
        JsonNode delivery = awaitDelivery(tenant, webhook.get("id").asString(), "succeeded");
        assertThat(delivery.get("attempts").get(0).get("reason").asString()).isEqualTo("imported");
        assertThat(api.post(link, Map.of("status", "failed"), null, null).status())
                .isEqualTo(404);
        assertThat(api.post(app.baseUrl() + "/acks/guessed", Map.of("status", "done"), null, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void duringARotationsGraceDeliveriesCarryBothSignatures() {
        TestTenant tenant = api.newTenant();
        JsonNode webhook = create(tenant, webhook("/rotating"));
        String old = webhook.get("secret").asString();
        String fresh = api.post(
                        "/v1/webhooks/" + webhook.get("id").asString() + "/secret/rotate",
                        Map.of("graceSeconds", 3600),
                        tenant)
                .json()
                .get("secret")
                .asString();

        publish(tenant, "order.placed", orderData("EUR"));

        Receiver.Request request = receiver.awaitRequests(1, DEADLINE).getFirst();
        String signature = request.header("webhook-signature");
        assertThat(signature.split(" ")).hasSize(2);
        for (String secret : List.of(old, fresh)) {
            assertThat(StandardWebhooksVerifier.verify(
                            secret,
                            request.header("webhook-id"),
                            request.header("webhook-timestamp"),
                            request.body(),
                            signature))
                    .isTrue();
        }
    }

    @Test
    void onceTheGraceHasRunOutTheNextDeliveryIsSignedWithTheNewSecretOnly() {
        TestTenant tenant = api.newTenant();
        JsonNode webhook = create(tenant, webhook("/short-grace"));
        String old = webhook.get("secret").asString();
        JsonNode rotated = api.post(
                        "/v1/webhooks/" + webhook.get("id").asString() + "/secret/rotate",
                        Map.of("graceSeconds", 2),
                        tenant)
                .json();
        String fresh = rotated.get("secret").asString();
        Instant graceEnds = Instant.parse(rotated.get("previousSecretExpiresAt").asString());

        publish(tenant, "order.placed", orderData("EUR"));
        Receiver.Request during = receiver.awaitRequests(1, DEADLINE).getFirst();
        // the worker now holds the opened secrets of this webhook; the row does not change when the grace ends
        Awaitility.await().atMost(DEADLINE).until(() -> Instant.now().isAfter(graceEnds));
        publish(tenant, "order.placed", orderData("EUR"));
        Receiver.Request after = receiver.awaitRequests(2, DEADLINE).get(1);

        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        String signature = after.header("webhook-signature");
        assertThat(signature.split(" ")).hasSize(1);
        assertThat(StandardWebhooksVerifier.verify(
                        fresh, after.header("webhook-id"), after.header("webhook-timestamp"), after.body(), signature))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(
                        old, after.header("webhook-id"), after.header("webhook-timestamp"), after.body(), signature))
                .isFalse();
    }

    @Test
    void xSecretAndMessageHashSchemesAddTheirHeadersAndTheLogMasksTheSecret() throws Exception {
        TestTenant tenant = api.newTenant();
        Map<String, Object> plain = webhook("/x-secret");
        plain.put("signatureScheme", "x-secret");
        Map<String, Object> hashed = webhook("/hash");
        hashed.put("signatureScheme", "message-hash");
        JsonNode plainHook = create(tenant, plain);
        JsonNode hashedHook = create(tenant, hashed);

        publish(tenant, "order.placed", orderData("EUR"));

        List<Receiver.Request> requests = receiver.awaitRequests(2, DEADLINE);
        Receiver.Request withSecret = requests.stream()
                .filter(r -> !r.header("x-secret").isEmpty())
                .findFirst()
                .orElseThrow();
        Receiver.Request withHash = requests.stream()
                .filter(r -> !r.header("messagehash").isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(withSecret.header("x-secret"))
                .isEqualTo(plainHook.get("secret").asString());
        String expectedHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1")
                        .digest((hashedHook.get("secret").asString() + withHash.body())
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(withHash.header("messagehash")).isEqualTo(expectedHash);
        assertThat(withHash.header("webhook-signature")).startsWith("v1,");
        JsonNode logged = awaitDelivery(tenant, plainHook.get("id").asString(), "succeeded")
                .get("attempts")
                .get(0)
                .get("requestHeaders");
        assertThat(logged.get("X-Secret").asString()).isEqualTo("********");
        assertThat(logged.toString()).doesNotContain(plainHook.get("secret").asString());
    }

    @Test
    void resendQueuesAnotherAttemptAndRecoverRequeuesFailedDeliveries() {
        TestTenant tenant = api.newTenant();
        receiver.then(Reply.status(500), Reply.status(500));
        Map<String, Object> spec = webhook("/later");
        spec.put("retry", Map.of("enabled", false));
        String webhookId = create(tenant, spec).get("id").asString();
        publish(tenant, "order.placed", orderData("EUR"));
        publish(tenant, "order.placed", orderData("EUR"));
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + webhookId + "/deliveries?status=failed", tenant)
                                .json()
                                .get("data")
                                .size()
                        == 2);
        JsonNode failed = api.get("/v1/webhooks/" + webhookId + "/deliveries?status=failed", tenant)
                .json()
                .get("data");

        Response resent = api.post("/v1/deliveries/" + failed.get(0).get("id").asString() + "/resend", null, tenant);

        assertThat(resent.status()).isEqualTo(202);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/deliveries/" + failed.get(0).get("id").asString(), tenant)
                        .json()
                        .get("status")
                        .asString()
                        .equals("succeeded"));
        assertThat(api.get("/v1/deliveries/" + failed.get(0).get("id").asString(), tenant)
                        .json()
                        .get("attemptCount")
                        .asInt())
                .isEqualTo(2);

        Response recovered = api.post(
                "/v1/webhooks/" + webhookId + "/recover",
                Map.of("since", Instant.now().minusSeconds(600).toString()),
                tenant);

        assertThat(recovered.json().get("recovered").asInt()).isEqualTo(1);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + webhookId + "/deliveries?status=succeeded", tenant)
                                .json()
                                .get("data")
                                .size()
                        == 2);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void theTestEndpointSendsATestEventNowAndAnswersTheAttempt() {
        TestTenant tenant = api.newTenant();
        receiver.then(Reply.status(200), Reply.json(500, "{\"reason\":\"nope\"}"));
        String webhookId = create(tenant, webhook("/test")).get("id").asString();

        JsonNode ok =
                api.post("/v1/webhooks/" + webhookId + "/test", null, tenant).json();
        JsonNode failed =
                api.post("/v1/webhooks/" + webhookId + "/test", null, tenant).json();

        assertThat(ok.get("succeeded").asBoolean()).isTrue();
        assertThat(ok.get("statusCode").asInt()).isEqualTo(200);
        assertThat(ok.get("error").isNull()).isTrue();
        assertThat(ok.has("responseBody")).isFalse();
        assertThat(failed.get("succeeded").asBoolean()).isFalse();
        assertThat(failed.get("statusCode").asInt()).isEqualTo(500);
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().getFirst().header("x-event-type")).isEqualTo("webhook.test");
        assertThat(api.get("/v1/webhooks/" + webhookId + "/deliveries", tenant)
                        .json()
                        .get("data"))
                .hasSize(2);
    }

    @Test
    void anotherTenantsDeliveriesAnswerNotFound() {
        TestTenant owner = api.newTenant();
        TestTenant other = api.newTenant();
        String webhookId = create(owner, webhook("/private")).get("id").asString();
        publish(owner, "order.placed", orderData("EUR"));
        JsonNode delivery = awaitDelivery(owner, webhookId, "succeeded");

        assertThat(api.get("/v1/deliveries/" + delivery.get("id").asString(), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/v1/webhooks/" + webhookId + "/deliveries", other).status())
                .isEqualTo(404);
        assertThat(api.post("/v1/deliveries/" + delivery.get("id").asString() + "/resend", null, other)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/v1/events/" + delivery.get("eventId").asString(), other)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void deletingAWebhookDeletesItsDeliveriesAndTheirAttemptsAndNoOtherWebhooks() {
        TestTenant tenant = api.newTenant();
        String deleted = create(tenant, webhook("/deleted")).get("id").asString();
        String kept = create(tenant, webhook("/kept")).get("id").asString();
        publish(tenant, "order.placed", orderData("EUR"));
        String gone = awaitDelivery(tenant, deleted, "succeeded").get("id").asString();
        String stays = awaitDelivery(tenant, kept, "succeeded").get("id").asString();

        assertThat(api.delete("/v1/webhooks/" + deleted, tenant).status()).isEqualTo(204);

        assertThat(api.get("/v1/deliveries/" + gone, tenant).status()).isEqualTo(404);
        assertThat(app.bean(org.jooq.DSLContext.class)
                        .fetchCount(
                                io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT,
                                io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT.DELIVERY_ID.eq(gone)))
                .isZero();
        assertThat(api.get("/v1/deliveries/" + stays, tenant).json().get("attempts"))
                .hasSize(1);
    }

    @Test
    void attemptsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        TestTenant tenant = api.newTenant();
        String webhookId = create(tenant, webhook("/retention")).get("id").asString();
        publish(tenant, "order.placed", orderData("EUR"));
        publish(tenant, "order.placed", orderData("EUR"));
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + webhookId + "/deliveries?status=succeeded", tenant)
                                .json()
                                .get("data")
                                .size()
                        == 2);
        JsonNode both = api.get("/v1/webhooks/" + webhookId + "/deliveries", tenant)
                .json()
                .get("data");
        String old = both.get(1).get("id").asString();
        String recent = both.get(0).get("id").asString();
        app.bean(org.jooq.DSLContext.class)
                .update(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT)
                .set(
                        io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT.STARTED_AT,
                        java.time.OffsetDateTime.now().minusDays(31))
                // an attempt's id carries the time it was recorded, which retention goes by
                .set(
                        io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT.ID,
                        io.hookline.tenancy.Ids.firstAt(
                                io.hookline.tenancy.IdPrefix.ATTEMPT,
                                Instant.now().minus(Duration.ofDays(31))))
                .where(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT.DELIVERY_ID.eq(old))
                .execute();

        int deleted = app.bean(io.hookline.delivery.worker.Retention.class)
                .clean(Instant.now())
                .attempts();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/v1/deliveries/" + old, tenant).json().get("attempts"))
                .isEmpty();
        assertThat(api.get("/v1/deliveries/" + recent, tenant).json().get("attempts"))
                .hasSize(1);
    }

    @Test
    void metricsAreExposedForPrometheus() {
        TestTenant tenant = api.newTenant();
        create(tenant, webhook("/metrics"));
        publish(tenant, "order.placed", orderData("EUR"));
        receiver.awaitRequests(1, DEADLINE);

        Awaitility.await().atMost(DEADLINE).untilAsserted(() -> {
            String metrics = api.get("/actuator/prometheus", api.token(List.of(), List.of("platform:admin")), null)
                    .raw();
            assertThat(metrics).contains("hookline_delivery_attempts_total{outcome=\"succeeded\"");
            assertThat(metrics).contains("hookline_delivery_latency_seconds_bucket");
            assertThat(metrics).contains("hookline_delivery_queue_depth");
            assertThat(metrics).contains("hookline_delivery_oldest_due_seconds");
        });
    }
}
