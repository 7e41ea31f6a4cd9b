package io.hookline.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.security.Scopes;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operational events and notifications end to end, against real receivers on a node whose worker
 * runs (retries after 200 ms, disabled after 5 failures in a row): a failing webhook is reported
 * to the tenant's other webhooks and never to itself, within the rate limits, and two webhooks
 * failing each other's notices do not feed each other.
 */
class OperationalEventsTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<String> OPERATIONAL =
            List.of("webhook.failing", "webhook.recovered", "delivery.exhausted", "webhook.disabled");

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver failing = new Receiver();
    private final Receiver watcher = new Receiver();

    @AfterEach
    void stopReceivers() {
        failing.close();
        watcher.close();
    }

    private String webhook(TestTenant tenant, Receiver receiver, String name, List<String> events, Object retry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", receiver.url("/" + name));
        body.put("events", events);
        body.put("retry", retry);
        return api.create(tenant, "/v1/webhooks", body);
    }

    private static List<String> with(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** Waits until every delivery of the tenant is final, so no settlement (hence no event) is still to come. */
    private void awaitQuiet(TestTenant tenant, int deliveries) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<JsonNode> all = api.pageAll(tenant, "/v1/deliveries?limit=100");
            return all.size() == deliveries
                    && all.stream()
                            .allMatch(d -> List.of("succeeded", "failed")
                                    .contains(d.get("status").asString()));
        });
    }

    private JsonNode awaitFinal(TestTenant tenant, String webhookId, int count) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode data = api.deliveries(tenant, webhookId);
            return data.size() == count
                    && List.of("succeeded", "failed")
                            .contains(data.get(0).get("status").asString());
        });
        return api.deliveries(tenant, webhookId).get(0);
    }

    private static List<JsonNode> envelopes(Receiver receiver, String type) {
        return receiver.received().stream()
                .filter(r -> r.header("X-Event-Type").equals(type))
                .map(r -> ApiClient.JSON.readTree(r.body()))
                .toList();
    }

    private List<JsonNode> notifications(TestTenant tenant) {
        return api.pageAll(tenant, "/v1/notifications?limit=100");
    }

    @Test
    void aFailingWebhookIsReportedToTheOthersWithinTheLimitsAndNeverToItself() {
        TestTenant tenant = api.newTenant();
        failing.byDefault(request -> Reply.status(500));
        // A subscribes to the operational events too: it must still never hear about itself
        String a = webhook(tenant, failing, "a", with(OPERATIONAL, "order.placed"), Map.of("maxAttempts", 2));
        String b = webhook(tenant, watcher, "b", OPERATIONAL, Map.of("maxAttempts", 2));

        // a streak: two deliveries fail both their attempts
        String first = api.publishSample(tenant, "order.placed");
        JsonNode firstDelivery = awaitFinal(tenant, a, 1);
        assertThat(firstDelivery.get("status").asString()).isEqualTo("failed");
        api.publishSample(tenant, "order.placed");
        assertThat(awaitFinal(tenant, a, 2).get("status").asString()).isEqualTo("failed");
        // the streak ends with a success
        failing.byDefault(request -> Reply.status(200));
        api.publishSample(tenant, "order.placed");
        assertThat(awaitFinal(tenant, a, 3).get("status").asString()).isEqualTo("succeeded");
        // a second streak within the hour: one failure, then the retry succeeds
        failing.then(Reply.status(500));
        api.publishSample(tenant, "order.placed");
        JsonNode retried = awaitFinal(tenant, a, 4);
        assertThat(retried.get("status").asString()).isEqualTo("succeeded");
        assertThat(retried.get("attemptCount").asInt()).isEqualTo(2);
        awaitQuiet(tenant, 4 + 4);

        // B heard of the first streak once: failing, each exhausted delivery, recovered
        List<JsonNode> failingEvents = envelopes(watcher, "webhook.failing");
        assertThat(failingEvents).hasSize(1);
        JsonNode failingData = failingEvents.getFirst().get("data");
        assertThat(failingData.get("webhookId").asString()).isEqualTo(a);
        assertThat(failingData.get("name").asString()).isEqualTo("a");
        assertThat(failingData.get("url").asString()).isEqualTo(failing.url("/a"));
        assertThat(failingData.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(failingData.get("lastResult").asString()).isEqualTo("HTTP 500");
        assertThat(failingEvents.getFirst().get("triggeredBy").asString()).isEqualTo("system");

        List<JsonNode> exhausted = envelopes(watcher, "delivery.exhausted");
        assertThat(exhausted).hasSize(2);
        JsonNode exhaustedData = exhausted.getFirst().get("data");
        assertThat(exhaustedData.get("deliveryId").asString())
                .isEqualTo(firstDelivery.get("id").asString());
        assertThat(exhaustedData.get("webhookId").asString()).isEqualTo(a);
        assertThat(exhaustedData.get("eventId").asString()).isEqualTo(first);
        assertThat(exhaustedData.get("eventType").asString()).isEqualTo("order.placed");
        assertThat(exhaustedData.get("attemptCount").asInt()).isEqualTo(2);
        assertThat(exhaustedData.get("lastResponseStatus").asInt()).isEqualTo(500);
        assertThat(exhaustedData.get("lastError").isNull()).isTrue();
        assertThat(Instant.parse(exhaustedData.get("failedAt").asString())).isBeforeOrEqualTo(Instant.now());

        List<JsonNode> recovered = envelopes(watcher, "webhook.recovered");
        assertThat(recovered).hasSize(1);
        JsonNode recoveredData = recovered.getFirst().get("data");
        assertThat(recoveredData.get("webhookId").asString()).isEqualTo(a);
        assertThat(recoveredData.get("failedAttempts").asInt()).isEqualTo(4);
        assertThat(recoveredData.get("failingSince").asString())
                .isEqualTo(failingData.get("failingSince").asString());
        // the second streak came within the hour of the first webhook.failing: neither announced nor closed
        assertThat(watcher.received()).hasSize(4);
        assertThat(envelopes(watcher, "webhook.disabled")).isEmpty();

        // A, although subscribed, got only its orders
        assertThat(failing.received())
                .allSatisfy(
                        request -> assertThat(request.header("X-Event-Type")).isEqualTo("order.placed"));
        assertThat(api.deliveries(tenant, a)).hasSize(4);
        assertThat(api.deliveries(tenant, b)).hasSize(4);
        assertThat(api.events(tenant, "webhook.failing")).hasSize(1);
        assertThat(api.events(tenant, "delivery.exhausted")).hasSize(2);
        assertThat(api.events(tenant, "webhook.recovered")).hasSize(1);

        // a person: both exhausted deliveries on one notice (one per webhook and kind per hour),
        // and the recovery of the streak they were told about; no address, so no e-mail
        List<JsonNode> notices = notifications(tenant);
        assertThat(notices)
                .extracting(n -> n.get("type").asString())
                .containsExactly("webhook.recovered", "delivery.exhausted");
        JsonNode exhaustedNotice = notices.get(1);
        assertThat(exhaustedNotice.get("webhookId").asString()).isEqualTo(a);
        assertThat(exhaustedNotice.get("webhookName").asString()).isEqualTo("a");
        assertThat(exhaustedNotice.get("occurrences").asInt()).isEqualTo(2);
        assertThat(exhaustedNotice.get("deliveryId").asString())
                .isEqualTo(firstDelivery.get("id").asString());
        assertThat(exhaustedNotice.get("detail").asString())
                .isEqualTo("Delivery " + firstDelivery.get("id").asString() + " of order.placed event " + first
                        + " failed after 2 attempts (last: HTTP 500); it is not tried again unless resent or"
                        + " recovered.");
        assertThat(exhaustedNotice.get("emailStatus").asString()).isEqualTo("none");
        assertThat(exhaustedNotice.get("read").asBoolean()).isFalse();
        assertThat(notices.getFirst().get("detail").asString())
                .startsWith("The webhook succeeded again after 4 attempts failed in a row since ");
    }

    @Test
    void disablingIsReportedOnceToTheOthersAndToAPerson() {
        TestTenant tenant = api.newTenant();
        failing.byDefault(request -> Reply.status(503));
        String broken = webhook(tenant, failing, "broken", List.of("order.placed"), Map.of("maxAttempts", 10));
        String watching = webhook(tenant, watcher, "watcher", OPERATIONAL, Map.of("maxAttempts", 2));

        api.publishSample(tenant, "order.placed");

        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> !api.get("/v1/webhooks/" + broken, tenant)
                        .json()
                        .get("enabled")
                        .asBoolean());
        Awaitility.await().atMost(DEADLINE).until(() -> {
            JsonNode data = api.deliveries(tenant, watching);
            return data.size() == 2
                    && data.valueStream()
                            .allMatch(d -> d.get("status").asString().equals("succeeded"));
        });
        // the parked delivery is neither exhausted nor final: only failing, then disabled
        assertThat(watcher.received())
                .extracting(r -> r.header("X-Event-Type"))
                .containsExactly("webhook.failing", "webhook.disabled");
        JsonNode disabled = envelopes(watcher, "webhook.disabled").getFirst().get("data");
        assertThat(disabled.get("webhookId").asString()).isEqualTo(broken);
        assertThat(disabled.get("disabledReason").asString()).isEqualTo("5 consecutive failed attempts");
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(5);

        List<JsonNode> notices = notifications(tenant);
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().get("type").asString()).isEqualTo("webhook.disabled");
        assertThat(notices.getFirst().get("detail").asString())
                .isEqualTo("The webhook was disabled: 5 consecutive failed attempts. It gets no deliveries until it is"
                        + " enabled again; its pending ones wait.");
    }

    @Test
    void twoWebhooksFailingEachOthersNoticesDoNotFeedEachOther() {
        TestTenant tenant = api.newTenant();
        failing.byDefault(request -> Reply.status(500));
        watcher.byDefault(request -> Reply.status(500));
        List<String> events = List.of("order.placed", "delivery.exhausted", "webhook.failing");
        String a = webhook(tenant, failing, "a", events, Map.of("enabled", false));
        String b = webhook(tenant, watcher, "b", events, Map.of("enabled", false));

        api.publishSample(tenant, "order.placed");

        // each: its order, the other's exhausted order and the other's failing — all failed, and
        // the exhausted deliveries of those notices emitted nothing more
        awaitQuiet(tenant, 6);
        assertThat(api.events(tenant, "delivery.exhausted"))
                .extracting(e -> e.get("envelope").get("data").get("eventType").asString())
                .containsExactly("order.placed", "order.placed");
        assertThat(api.events(tenant, "webhook.failing")).hasSize(2);
        assertThat(api.events(tenant, null)).hasSize(5);
        for (String id : List.of(a, b)) {
            assertThat(api.deliveries(tenant, id))
                    .extracting(d -> d.get("status").asString())
                    .containsOnly("failed")
                    .hasSize(3);
        }
        assertThat(failing.received()).hasSize(3);
        assertThat(watcher.received()).hasSize(3);
        // a person still hears that both webhooks lose deliveries, once each
        assertThat(notifications(tenant))
                .extracting(n ->
                        n.get("type").asString() + " " + n.get("occurrences").asInt())
                .containsExactlyInAnyOrder("delivery.exhausted 3", "delivery.exhausted 3");
    }

    private String tokenFor(TestTenant tenant, String subject, String... scopes) {
        Instant now = Instant.now();
        return api.token(JwtClaimsSet.builder()
                .issuer(io.hookline.api.security.DevKeys.ISSUER)
                .audience(List.of(io.hookline.api.security.DevKeys.AUDIENCE))
                .subject(subject)
                .issuedAt(now)
                .notBefore(now.minusSeconds(1))
                .expiresAt(now.plusSeconds(600))
                .id(UUID.randomUUID().toString())
                .claim("tenants", List.of(tenant.id()))
                .claim("scope", String.join(" ", scopes))
                .build());
    }

    @Test
    void theListIsPagedNewestFirstAndEachCallerMarksItsOwnRead() {
        TestTenant tenant = api.newTenant();
        TestTenant stranger = api.newTenant();
        failing.byDefault(request -> Reply.status(500));
        watcher.byDefault(request -> Reply.status(410));
        webhook(tenant, failing, "flaky", List.of("order.placed"), Map.of("enabled", false));
        api.publishSample(tenant, "order.placed");
        Awaitility.await().atMost(DEADLINE).until(() -> notifications(tenant).size() == 1);
        webhook(tenant, watcher, "gone", List.of("order.placed"), Map.of("enabled", false));
        api.publishSample(tenant, "order.placed");
        Awaitility.await().atMost(DEADLINE).until(() -> notifications(tenant).size() == 2);

        Response firstPage = api.get("/v1/notifications?limit=1", tenant);
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.header("Link")).contains("rel=\"next\"");
        JsonNode newest = firstPage.json().get("data").get(0);
        assertThat(newest.get("type").asString()).isEqualTo("webhook.disabled");
        assertThat(firstPage.json().get("unreadCount").asLong()).isEqualTo(2);
        Response secondPage = api.get(
                "/v1/notifications?limit=1&cursor="
                        + firstPage.json().get("nextCursor").asString(),
                tenant);
        JsonNode oldest = secondPage.json().get("data").get(0);
        assertThat(oldest.get("type").asString()).isEqualTo("delivery.exhausted");
        assertThat(secondPage.json().get("nextCursor").isNull()).isTrue();
        assertThat(secondPage.json().get("unreadCount").asLong()).isEqualTo(2);

        // up to the older one: one left for this caller, both for another person
        Response marked = api.post(
                "/v1/notifications/read", Map.of("upTo", oldest.get("id").asString()), tenant);
        assertThat(marked.status()).as(marked.raw()).isEqualTo(200);
        assertThat(marked.json()).isEqualTo(ApiClient.JSON.readTree("{\"unreadCount\":1}"));
        assertThat(notifications(tenant))
                .extracting(n -> n.get("read").asBoolean())
                .containsExactly(false, true);
        String colleague = tokenFor(tenant, "usr_colleague", Scopes.WEBHOOKS_READ);
        assertThat(api.get("/v1/notifications", colleague, tenant.id())
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isEqualTo(2);

        // all, then an older mark does not move it back
        assertThat(api.post("/v1/notifications/read", Map.of(), tenant)
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();
        assertThat(api.post(
                                "/v1/notifications/read",
                                Map.of("upTo", oldest.get("id").asString()),
                                tenant)
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();
        assertThat(api.get("/v1/notifications", tenant)
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();
        assertThat(api.post("/v1/notifications/read", Map.of(), colleague, tenant.id())
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();

        // another tenant neither sees them nor can name one
        assertThat(api.get("/v1/notifications", stranger).json().get("data")).isEmpty();
        Response foreign = api.post(
                "/v1/notifications/read", Map.of("upTo", newest.get("id").asString()), stranger);
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/not-found");
        expected.put("title", "Not found");
        expected.put("status", 404);
        expected.put("detail", "notification " + newest.get("id").asString() + " does not exist");
        expected.put("instance", "/v1/notifications/read");
        expected.put("requestId", foreign.header("X-Request-Id"));
        assertThat(foreign.json()).isEqualTo(expected);
        assertThat(api.get("/v1/notifications", stranger)
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();

        // reading needs webhooks:read; a cursor of another list is refused
        assertThat(api.get("/v1/notifications", tokenFor(tenant, "usr_x", Scopes.EVENTS_READ), tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/v1/notifications/read",
                                Map.of(),
                                tokenFor(tenant, "usr_x", Scopes.COMMERCE_WRITE),
                                tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(api.get(
                                "/v1/notifications?cursor="
                                        + firstPage.json().get("nextCursor").asString(),
                                stranger)
                        .status())
                .isEqualTo(400);
    }
}
