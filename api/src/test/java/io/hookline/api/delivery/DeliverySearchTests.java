package io.hookline.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeliverySearchTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver accepting = new Receiver().byDefault(request -> Reply.status(200));
    private final Receiver refusing = new Receiver().byDefault(request -> Reply.status(500));

    @AfterEach
    void stopReceivers() {
        accepting.close();
        refusing.close();
    }

    /**
     * One tenant's log: webhook {@code a} takes order.placed and payment.received and answers
     * 200; webhook {@code b} takes order.placed, answers 500 and never retries. Two orders and
     * one payment make five final deliveries: three succeeded on a, two failed on b.
     */
    private record Log(TestTenant tenant, String a, String b, String order1, String order2, String payment) {}

    private Log log() {
        TestTenant tenant = api.newTenant();
        String a =
                api.webhook(tenant, accepting.url("/a"), Map.of("events", List.of("order.placed", "payment.received")));
        String b = api.webhook(tenant, refusing.url("/b"), Map.of("retry", Map.of("enabled", false)));
        String order1 = api.publishSample(tenant, "order.placed");
        String order2 = api.publishSample(tenant, "order.placed");
        String payment = api.publishSample(tenant, "payment.received");
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode data = api.get("/v1/deliveries?limit=100", tenant).json().get("data");
            return data.size() == 5
                    && data.valueStream()
                            .allMatch(d -> List.of("succeeded", "failed")
                                    .contains(d.get("status").asString()));
        });
        return new Log(tenant, a, b, order1, order2, payment);
    }

    private List<JsonNode> search(TestTenant tenant, String query) {
        return api.pageAll(tenant, "/v1/deliveries?limit=100" + (query.isEmpty() ? "" : "&" + query));
    }

    private static List<String> ids(List<JsonNode> deliveries) {
        return deliveries.stream().map(d -> d.get("id").asString()).toList();
    }

    private static List<String> ids(List<JsonNode> deliveries, Predicate<JsonNode> which) {
        return ids(deliveries.stream().filter(which).toList());
    }

    private static Predicate<JsonNode> has(String field, String value) {
        return d -> d.get(field).asString().equals(value);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ObjectNode problem(Response response, int status, String slug, String title, String detail) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/" + slug);
        expected.put("title", title);
        expected.put("status", status);
        expected.put("detail", detail);
        expected.put("instance", "/v1/deliveries");
        expected.put("requestId", response.header("X-Request-Id"));
        return expected;
    }

    private static ObjectNode withError(ObjectNode problem, String field, String message) {
        ObjectNode error = problem.withArray("errors").addObject();
        error.put("field", field);
        error.put("message", message);
        return problem;
    }

    @Test
    void theTenantsWholeLogIsListedNewestFirstAcrossItsWebhooks() {
        Log log = log();
        List<JsonNode> all = search(log.tenant(), "");

        assertThat(all).hasSize(5);
        assertThat(ids(all)).isSortedAccordingTo(Comparator.reverseOrder());
        List<String> perWebhook = new java.util.ArrayList<>();
        api.deliveries(log.tenant(), log.a())
                .forEach(d -> perWebhook.add(d.get("id").asString()));
        api.deliveries(log.tenant(), log.b())
                .forEach(d -> perWebhook.add(d.get("id").asString()));
        assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(perWebhook);
        JsonNode first = all.getFirst();
        assertThat(first.has("attempts")).isFalse();
        assertThat(first.get("eventType").asString()).isEqualTo("payment.received");
    }

    @Test
    void eachFilterAloneNarrowsTheLog() {
        Log log = log();
        TestTenant tenant = log.tenant();
        List<JsonNode> all = search(tenant, "");

        assertThat(ids(search(tenant, "webhookId=" + log.a())))
                .hasSize(3)
                .isEqualTo(ids(all, has("webhookId", log.a())));
        assertThat(ids(search(tenant, "webhookId=" + log.b())))
                .hasSize(2)
                .isEqualTo(ids(all, has("webhookId", log.b())));
        assertThat(ids(search(tenant, "eventType=payment.received")))
                .hasSize(1)
                .isEqualTo(ids(all, has("eventId", log.payment())));
        assertThat(ids(search(tenant, "eventType=order.placed")))
                .hasSize(4)
                .isEqualTo(ids(all, has("eventType", "order.placed")));
        assertThat(ids(search(tenant, "eventId=" + log.order1())))
                .hasSize(2)
                .isEqualTo(ids(all, has("eventId", log.order1())));
        assertThat(ids(search(tenant, "status=failed"))).hasSize(2).isEqualTo(ids(all, has("webhookId", log.b())));
        assertThat(ids(search(tenant, "status=succeeded"))).hasSize(3).isEqualTo(ids(all, has("webhookId", log.a())));
        assertThat(search(tenant, "status=pending")).isEmpty();
        assertThat(search(tenant, "eventType=customer.created")).isEmpty();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusiveOnTheDeliverysCreation() {
        Log log = log();
        TestTenant tenant = log.tenant();
        List<JsonNode> byCreation = search(tenant, "").stream()
                .sorted(Comparator.comparing((JsonNode d) ->
                        java.time.OffsetDateTime.parse(d.get("createdAt").asString())))
                .toList();
        String first = byCreation.getFirst().get("createdAt").asString();
        String last = byCreation.getLast().get("createdAt").asString();
        java.time.OffsetDateTime lastAt = java.time.OffsetDateTime.parse(last);

        List<String> atOrAfterLast = ids(
                byCreation,
                d -> !java.time.OffsetDateTime.parse(d.get("createdAt").asString())
                        .isBefore(lastAt));
        assertThat(ids(search(tenant, "since=" + encoded(last))))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(atOrAfterLast);
        assertThat(ids(search(tenant, "until=" + encoded(last))))
                .hasSize(5 - atOrAfterLast.size())
                .doesNotContainAnyElementsOf(atOrAfterLast);
        assertThat(ids(search(tenant, "since=" + encoded(first) + "&until=" + encoded(last))))
                .hasSize(5 - atOrAfterLast.size());
        assertThat(search(tenant, "since=" + encoded(first) + "&until=" + encoded(first)))
                .isEmpty();
    }

    @Test
    void filtersCombineWithAnd() {
        Log log = log();
        TestTenant tenant = log.tenant();
        List<JsonNode> all = search(tenant, "");

        assertThat(ids(search(tenant, "webhookId=" + log.b() + "&eventId=" + log.order1())))
                .hasSize(1)
                .isEqualTo(ids(all, has("webhookId", log.b()).and(has("eventId", log.order1()))));
        assertThat(ids(search(tenant, "status=succeeded&eventType=order.placed")))
                .hasSize(2)
                .isEqualTo(ids(all, has("webhookId", log.a()).and(has("eventType", "order.placed"))));
        assertThat(search(tenant, "webhookId=" + log.a() + "&status=failed")).isEmpty();
        assertThat(search(tenant, "webhookId=" + log.b() + "&eventType=payment.received"))
                .isEmpty();
        String oldest = all.getLast().get("createdAt").asString();
        assertThat(ids(search(tenant, "eventId=" + log.order2() + "&status=failed&since=" + encoded(oldest))))
                .hasSize(1)
                .isEqualTo(ids(all, has("webhookId", log.b()).and(has("eventId", log.order2()))));
    }

    @Test
    void aCursorPagesThroughTheLogAndThroughAFilteredLog() {
        Log log = log();
        TestTenant tenant = log.tenant();
        List<String> all = ids(search(tenant, ""));

        Response firstPage = api.get("/v1/deliveries?limit=2", log.tenant());
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(ids(firstPage.json().get("data").valueStream().toList())).isEqualTo(all.subList(0, 2));
        String cursor = firstPage.json().get("nextCursor").asString();
        assertThat(firstPage.header("Link")).contains("cursor=" + cursor).endsWith("; rel=\"next\"");

        assertThat(ids(api.pageAll(tenant, "/v1/deliveries?limit=2"))).isEqualTo(all);
        assertThat(ids(api.pageAll(tenant, "/v1/deliveries?limit=1&webhookId=" + log.a())))
                .hasSize(3)
                .isEqualTo(ids(api.deliveries(tenant, log.a()).valueStream().toList()));
    }

    @Test
    void anotherTenantsDeliveriesAreNeverListedAndItsIdsAnswerNotFound() {
        Log mine = log();
        Log theirs = log();

        assertThat(search(mine.tenant(), ""))
                .hasSize(5)
                .allMatch(d ->
                        List.of(mine.a(), mine.b()).contains(d.get("webhookId").asString()));
        assertThat(search(theirs.tenant(), ""))
                .hasSize(5)
                .allMatch(d -> List.of(theirs.a(), theirs.b())
                        .contains(d.get("webhookId").asString()));

        Response webhook = api.get("/v1/deliveries?webhookId=" + theirs.a(), mine.tenant());
        assertThat(webhook.json())
                .isEqualTo(
                        problem(webhook, 404, "not-found", "Not found", "webhook " + theirs.a() + " does not exist"));
        Response event = api.get("/v1/deliveries?eventId=" + theirs.order1(), mine.tenant());
        assertThat(event.json())
                .isEqualTo(
                        problem(event, 404, "not-found", "Not found", "event " + theirs.order1() + " does not exist"));
        assertThat(api.get("/v1/deliveries?webhookId=wh_missing", mine.tenant()).notFound())
                .isEqualTo("webhook wh_missing does not exist");

        String theirCursor = api.get("/v1/deliveries?limit=1", theirs.tenant())
                .json()
                .get("nextCursor")
                .asString();
        Response foreign = api.get("/v1/deliveries?limit=1&cursor=" + theirCursor, mine.tenant());
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-cursor");
    }

    @Test
    void badFilterValuesAnswerAProblemNamingTheField() {
        Log log = log();
        TestTenant tenant = log.tenant();

        Response status = api.get("/v1/deliveries?status=nope", tenant);
        String statusMessage = "must be one of pending, delivering, waiting, succeeded, failed";
        assertThat(status.json())
                .isEqualTo(withError(
                        problem(
                                status,
                                422,
                                "validation-failed",
                                "The request has invalid values",
                                "status " + statusMessage),
                        "status",
                        statusMessage));

        Response type = api.get("/v1/deliveries?eventType=order.placd", tenant);
        String typeMessage = "'order.placd' is not in the event catalog (GET /v1/event-types)";
        assertThat(type.json())
                .isEqualTo(withError(
                        problem(
                                type,
                                422,
                                "validation-failed",
                                "The request has invalid values",
                                "eventType " + typeMessage),
                        "eventType",
                        typeMessage));

        Response since = api.get("/v1/deliveries?since=yesterday", tenant);
        String dateMessage = "must be an RFC 3339 date-time (2026-01-31T12:00:00Z)";
        assertThat(since.json())
                .isEqualTo(withError(
                        problem(since, 400, "invalid-request", "The request is malformed", "since " + dateMessage),
                        "since",
                        dateMessage));
        assertThat(api.get("/v1/deliveries?until=2026-13-01T00:00:00Z", tenant).fieldErrors())
                .containsExactly("until");

        Response backwards = api.get("/v1/deliveries?since=2026-02-01T00:00:00Z&until=2026-01-31T23:59:59Z", tenant);
        assertThat(backwards.json())
                .isEqualTo(withError(
                        problem(
                                backwards,
                                422,
                                "validation-failed",
                                "The request has invalid values",
                                "until must not be before since"),
                        "until",
                        "must not be before since"));

        Response limit = api.get("/v1/deliveries?limit=101", tenant);
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-request");
        assertThat(limit.fieldErrors()).containsExactly("limit");
        assertThat(api.get("/v1/deliveries?limit=0", tenant).fieldErrors()).containsExactly("limit");
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        Log log = log();
        TestTenant tenant = log.tenant();
        String webhookCursor = api.get("/v1/webhooks/" + log.a() + "/deliveries?limit=1", tenant)
                .json()
                .get("nextCursor")
                .asString();
        String eventsCursor =
                api.get("/v1/events?limit=1", tenant).json().get("nextCursor").asString();

        for (String cursor : List.of(webhookCursor, eventsCursor)) {
            Response refused = api.get("/v1/deliveries?cursor=" + cursor, tenant);
            String detail = "the cursor is not valid for this list; start again without a cursor";
            assertThat(refused.json())
                    .isEqualTo(withError(
                            problem(refused, 400, "invalid-cursor", "The cursor is not valid", detail),
                            "cursor",
                            detail));
        }
        String own = api.get("/v1/deliveries?limit=1", tenant)
                .json()
                .get("nextCursor")
                .asString();
        assertThat(api.get("/v1/webhooks/" + log.a() + "/deliveries?cursor=" + own, tenant)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void readingTheLogNeedsTheWebhooksReadScope() {
        TestTenant tenant = api.newTenant();
        String token = api.token(List.of(tenant.id()), List.of("events:read"));
        Response denied = api.get("/v1/deliveries", token, tenant.id());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(api.get("/v1/deliveries", tenant).json().get("data")).isEmpty();
    }
}
