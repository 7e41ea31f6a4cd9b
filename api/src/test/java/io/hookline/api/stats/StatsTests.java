package io.hookline.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.delivery.worker.Retention;
import io.hookline.domain.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/webhooks/{id}/stats} and {@code GET /v1/stats} against a node whose worker
 * delivers to real receivers: each kind of answer (and of no answer) is counted in its class,
 * the tenant's figures are the sum of its webhooks', and what is read is the statistics table,
 * which outlives the attempt log.
 */
class StatsTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<String> STATS_FIELDS = List.of(
            "attempts", "succeeded", "failed", "deliveriesSucceeded", "deliveriesFailed", "successRate", "latencyMs");

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** A port nothing listens on: a connection to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the webhook has {@code count} deliveries, all final. */
    private static void awaitFinal(ApiClient api, TestTenant tenant, String webhookId, int count) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode data = api.deliveries(tenant, webhookId);
            return data.size() == count
                    && data.valueStream()
                            .allMatch(d -> List.of("succeeded", "failed")
                                    .contains(d.get("status").asString()));
        });
    }

    /** Every attempt's duration in the webhook's log. */
    private static List<Long> durations(ApiClient api, TestTenant tenant, String webhookId) {
        List<Long> durations = new ArrayList<>();
        api.deliveries(tenant, webhookId)
                .forEach(delivery -> api.get(
                                "/v1/deliveries/" + delivery.get("id").asString(), tenant)
                        .json()
                        .get("attempts")
                        .forEach(attempt ->
                                durations.add(attempt.get("durationMs").asLong())));
        return durations;
    }

    /** The exact nearest-rank percentile. */
    private static long nearestRank(List<Long> durations, int percent) {
        long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.max(1, (percent * (long) sorted.length + 99) / 100);
        return sorted[rank - 1];
    }

    /** A {@code Stats} object with these counts; latency and rate not included (checked apart). */
    private static void assertCounts(
            JsonNode stats,
            long attempts,
            long succeeded,
            long[] failed,
            long deliveriesSucceeded,
            long deliveriesFailed,
            Double successRate) {
        assertThat(stats.get("attempts").asLong()).isEqualTo(attempts);
        assertThat(stats.get("succeeded").asLong()).isEqualTo(succeeded);
        JsonNode classes = stats.get("failed");
        assertThat(classes.propertyNames()).containsExactly("timeout", "connection", "http4xx", "http5xx", "other");
        assertThat(new long[] {
                    classes.get("timeout").asLong(),
                    classes.get("connection").asLong(),
                    classes.get("http4xx").asLong(),
                    classes.get("http5xx").asLong(),
                    classes.get("other").asLong()
                })
                .as("failed {timeout, connection, http4xx, http5xx, other}")
                .containsExactly(failed);
        assertThat(stats.get("deliveriesSucceeded").asLong()).isEqualTo(deliveriesSucceeded);
        assertThat(stats.get("deliveriesFailed").asLong()).isEqualTo(deliveriesFailed);
        assertThat(stats.get("successRate").asDouble()).isEqualTo(successRate);
    }

    /** The reported percentiles are those of the logged durations, within the histogram's precision. */
    private static void assertLatency(JsonNode latency, List<Long> durations) {
        assertThat(latency.propertyNames()).containsExactly("p50", "p95", "p99");
        for (int percent : List.of(50, 95, 99)) {
            long truth = nearestRank(durations, percent);
            long reported = latency.get("p" + percent).asLong();
            assertThat((double) Math.abs(reported - truth))
                    .as("p%d: %d ms reported, %d ms by nearest rank of %s", percent, reported, truth, durations)
                    .isLessThanOrEqualTo(0.091 * truth + 0.5);
        }
        assertThat(latency.get("p50").asLong())
                .isLessThanOrEqualTo(latency.get("p95").asLong());
        assertThat(latency.get("p95").asLong())
                .isLessThanOrEqualTo(latency.get("p99").asLong());
    }

    private static ObjectNode problem(
            Response response, int status, String slug, String title, String detail, String path) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/" + slug);
        expected.put("title", title);
        expected.put("status", status);
        expected.put("detail", detail);
        expected.put("instance", path);
        expected.put("requestId", response.header("X-Request-Id"));
        return expected;
    }

    /**
     * Webhook {@code a} (timeout 1 s, 3 attempts) gets four orders, one after the other: 500
     * then 200; 404 three times; a response held past the timeout, then 200; a redirect, then
     * 200. Webhook {@code b} gets one payment at a closed port, never retried.
     */
    private record Traffic(TestTenant tenant, String a, String b) {}

    private Traffic traffic() {
        TestTenant tenant = api.newTenant();
        String a = api.webhook(
                tenant,
                receiver.url("/a"),
                Map.of("timeoutSeconds", 1, "retry", Map.of("enabled", true, "maxAttempts", 3)));
        String b = api.webhook(
                tenant,
                "http://127.0.0.1:" + closedPort() + "/b",
                Map.of("events", List.of("payment.received"), "retry", Map.of("enabled", false)));
        List<Reply[]> orders = List.of(
                new Reply[] {Reply.status(500), Reply.status(200)},
                new Reply[] {Reply.status(404), Reply.status(404), Reply.status(404)},
                new Reply[] {Reply.status(200).after(Duration.ofMillis(2_500)), Reply.status(200)},
                new Reply[] {Reply.status(302).withHeader("Location", "https://elsewhere.example/"), Reply.status(200)
                });
        for (int i = 0; i < orders.size(); i++) {
            receiver.then(orders.get(i));
            api.publishSample(tenant, "order.placed");
            awaitFinal(api, tenant, a, i + 1);
        }
        api.publishSample(tenant, "payment.received");
        awaitFinal(api, tenant, b, 1);
        return new Traffic(tenant, a, b);
    }

    @Test
    void eachAttemptIsCountedInItsClassWithTheFinishedDeliveriesAndTheLatencyOfTheLog() {
        Traffic traffic = traffic();
        TestTenant tenant = traffic.tenant();

        Response a = api.get("/v1/webhooks/" + traffic.a() + "/stats", tenant);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().propertyNames())
                .containsExactly("window", "bucket", "from", "until", "webhookId", "totals", "buckets");
        assertThat(a.json().get("window").asString()).isEqualTo("24h");
        assertThat(a.json().get("bucket").asString()).isEqualTo("hour");
        assertThat(a.json().get("webhookId").asString()).isEqualTo(traffic.a());
        JsonNode totals = a.json().get("totals");
        assertThat(totals.propertyNames()).containsExactlyElementsOf(STATS_FIELDS);
        // 9 attempts: 3 succeeded, 1 timed out, 3 × 404, 1 × 500, 1 redirect; 3 deliveries
        // succeeded and the 404s' one failed
        assertCounts(totals, 9, 3, new long[] {1, 0, 3, 1, 1}, 3, 1, 0.3333);
        List<Long> durations = durations(api, tenant, traffic.a());
        assertThat(durations).hasSize(9);
        assertLatency(totals.get("latencyMs"), durations);
        // the slowest attempt is the one cut off at the 1 s timeout
        assertThat(totals.get("latencyMs").get("p99").asLong()).isBetween(900L, 1_500L);

        Response b = api.get("/v1/webhooks/" + traffic.b() + "/stats?window=24h", tenant);
        assertCounts(b.json().get("totals"), 1, 0, new long[] {0, 1, 0, 0, 0}, 0, 1, 0.0);
        assertLatency(b.json().get("totals").get("latencyMs"), durations(api, tenant, traffic.b()));
    }

    @Test
    void theTenantsFiguresAreTheSumOfItsWebhooks() {
        Traffic traffic = traffic();
        TestTenant tenant = traffic.tenant();

        Response whole = api.get("/v1/stats", tenant);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.json().propertyNames())
                .containsExactly("window", "bucket", "from", "until", "totals", "buckets");
        JsonNode totals = whole.json().get("totals");
        assertCounts(totals, 10, 3, new long[] {1, 1, 3, 1, 1}, 3, 2, 0.3);
        List<Long> durations = new ArrayList<>(durations(api, tenant, traffic.a()));
        durations.addAll(durations(api, tenant, traffic.b()));
        assertLatency(totals.get("latencyMs"), durations);

        JsonNode a =
                api.get("/v1/webhooks/" + traffic.a() + "/stats", tenant).json().get("totals");
        JsonNode b =
                api.get("/v1/webhooks/" + traffic.b() + "/stats", tenant).json().get("totals");
        for (String field : List.of("attempts", "succeeded", "deliveriesSucceeded", "deliveriesFailed")) {
            assertThat(totals.get(field).asLong())
                    .isEqualTo(a.get(field).asLong() + b.get(field).asLong());
        }
        for (String field : List.of("timeout", "connection", "http4xx", "http5xx", "other")) {
            assertThat(totals.get("failed").get(field).asLong())
                    .isEqualTo(a.get("failed").get(field).asLong()
                            + b.get("failed").get(field).asLong());
        }
        // another tenant's traffic is not in it
        assertThat(api.get("/v1/stats", api.newTenant())
                        .json()
                        .get("totals")
                        .get("attempts")
                        .asLong())
                .isZero();
    }

    @Test
    void bucketsCoverTheWindowZeroFilledEndingWithTheCurrentHourOrDay() {
        TestTenant tenant = api.newTenant();
        String webhook = api.webhook(tenant, receiver.url("/buckets"), Map.of());
        api.publishSample(tenant, "order.placed");
        api.publishSample(tenant, "order.placed");
        awaitFinal(api, tenant, webhook, 2);

        for (String path : List.of("/v1/webhooks/" + webhook + "/stats", "/v1/stats")) {
            Instant before = Instant.now();
            JsonNode hourly = api.get(path + "?window=24h", tenant).json();
            Instant after = Instant.now();
            assertWindow(hourly, "24h", "hour", 24, ChronoUnit.HOURS, before, after);
            JsonNode weekly = api.get(path + "?window=7d", tenant).json();
            assertWindow(weekly, "7d", "day", 7, ChronoUnit.DAYS, before, Instant.now());
            JsonNode monthly = api.get(path + "?window=30d", tenant).json();
            assertWindow(monthly, "30d", "day", 30, ChronoUnit.DAYS, before, Instant.now());
            for (JsonNode window : List.of(hourly, weekly, monthly)) {
                assertCounts(window.get("totals"), 2, 2, new long[] {0, 0, 0, 0, 0}, 2, 0, 1.0);
            }
        }
    }

    /** The window's shape: its buckets back to back from {@code from} to {@code until}, their sums the totals. */
    private static void assertWindow(
            JsonNode stats, String window, String bucket, int count, ChronoUnit unit, Instant before, Instant after) {
        assertThat(stats.get("window").asString()).isEqualTo(window);
        assertThat(stats.get("bucket").asString()).isEqualTo(bucket);
        JsonNode buckets = stats.get("buckets");
        assertThat(buckets).hasSize(count);
        Instant from = Instant.parse(stats.get("from").asString());
        Instant until = Instant.parse(stats.get("until").asString());
        // "2026-12-01T10:00:00Z": whole seconds in UTC
        assertThat(stats.get("from").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
        assertThat(List.of(
                        before.truncatedTo(unit).plus(1, unit),
                        after.truncatedTo(unit).plus(1, unit)))
                .contains(until);
        assertThat(Duration.between(from, until)).isEqualTo(unit.getDuration().multipliedBy(count));
        long attempts = 0;
        long nonEmpty = 0;
        for (int i = 0; i < count; i++) {
            JsonNode entry = buckets.get(i);
            assertThat(entry.propertyNames()).first().isEqualTo("start");
            assertThat(Instant.parse(entry.get("start").asString()))
                    .isEqualTo(from.plus(unit.getDuration().multipliedBy(i)));
            assertThat(entry.propertyNames().stream().skip(1).toList()).isEqualTo(STATS_FIELDS);
            attempts += entry.get("attempts").asLong();
            if (entry.get("attempts").asLong() == 0) {
                ObjectNode empty = ApiClient.JSON.createObjectNode();
                empty.put("start", entry.get("start").asString());
                empty.put("attempts", 0);
                empty.put("succeeded", 0);
                ObjectNode failed = empty.putObject("failed");
                Arrays.asList("timeout", "connection", "http4xx", "http5xx", "other")
                        .forEach(field -> failed.put(field, 0));
                empty.put("deliveriesSucceeded", 0);
                empty.put("deliveriesFailed", 0);
                empty.putNull("successRate");
                ObjectNode latency = empty.putObject("latencyMs");
                latency.putNull("p50");
                latency.putNull("p95");
                latency.putNull("p99");
                assertThat(entry).isEqualTo(empty);
            } else {
                nonEmpty++;
            }
        }
        assertThat(attempts).isEqualTo(stats.get("totals").get("attempts").asLong());
        // the two attempts were a moment ago: in the last bucket, or the one before it across an hour
        assertThat(nonEmpty).isBetween(1L, 2L);
        assertThat(buckets.get(count - 1).get("attempts").asLong()
                        + buckets.get(count - 2).get("attempts").asLong())
                .isEqualTo(2);
    }

    @Test
    void aTenantWithNoTrafficHasZerosNullRatesAndNullPercentiles() {
        TestTenant tenant = api.newTenant();
        String webhook = api.webhook(tenant, receiver.url("/quiet"), Map.of());

        for (JsonNode stats : List.of(
                api.get("/v1/webhooks/" + webhook + "/stats", tenant).json(),
                api.get("/v1/stats?window=30d", tenant).json())) {
            JsonNode totals = stats.get("totals");
            assertThat(totals.get("attempts").asLong()).isZero();
            assertThat(totals.get("successRate").isNull()).isTrue();
            assertThat(totals.get("latencyMs").get("p50").isNull()).isTrue();
            assertThat(totals.get("latencyMs").get("p95").isNull()).isTrue();
            assertThat(totals.get("latencyMs").get("p99").isNull()).isTrue();
            assertThat(stats.get("buckets")
                            .valueStream()
                            .allMatch(b -> b.get("attempts").asLong() == 0))
                    .isTrue();
        }
    }

    @Test
    void aTestSendIsCountedAsAnAttemptAndAFinishedDelivery() {
        TestTenant tenant = api.newTenant();
        String webhook = api.webhook(tenant, receiver.url("/tested"), Map.of());
        receiver.then(Reply.status(503));

        assertThat(api.post("/v1/webhooks/" + webhook + "/test", null, tenant)
                        .json()
                        .get("statusCode")
                        .asInt())
                .isEqualTo(503);
        assertThat(api.post("/v1/webhooks/" + webhook + "/test", null, tenant)
                        .json()
                        .get("succeeded")
                        .asBoolean())
                .isTrue();

        // the test endpoint answers once its result is written: nothing to wait for
        JsonNode totals =
                api.get("/v1/webhooks/" + webhook + "/stats", tenant).json().get("totals");
        assertCounts(totals, 2, 1, new long[] {0, 0, 0, 1, 0}, 1, 1, 0.5);
    }

    @Test
    void anotherTenantsWebhookOrAMissingOneAnswersNotFound() {
        String theirs = api.webhook(api.newTenant(), receiver.url("/theirs"), Map.of());
        TestTenant mine = api.newTenant();

        String path = "/v1/webhooks/" + theirs + "/stats";
        Response foreign = api.get(path, mine);
        assertThat(foreign.json())
                .isEqualTo(
                        problem(foreign, 404, "not-found", "Not found", "webhook " + theirs + " does not exist", path));
        Response missing = api.get("/v1/webhooks/wh_missing/stats?window=7d", mine);
        assertThat(missing.notFound()).isEqualTo("webhook wh_missing does not exist");
    }

    @Test
    void aWindowOutsideTheThreeAnswersAValidationProblem() {
        TestTenant tenant = api.newTenant();
        String webhook = api.webhook(tenant, receiver.url("/window"), Map.of());
        String message = "must be one of 24h, 7d, 30d";

        for (String path : List.of("/v1/webhooks/" + webhook + "/stats", "/v1/stats")) {
            for (String window : List.of("1h", "24H", "7", "")) {
                Response refused = api.get(path + "?window=" + window, tenant);
                if (window.isEmpty()) {
                    // an empty parameter takes the default, as every defaulted parameter does
                    assertThat(refused.status()).isEqualTo(200);
                    assertThat(refused.json().get("window").asString()).isEqualTo("24h");
                    continue;
                }
                ObjectNode expected = problem(
                        refused, 422, "validation-failed", "The request has invalid values", "window " + message, path);
                ObjectNode error = expected.putArray("errors").addObject();
                error.put("field", "window");
                error.put("message", message);
                assertThat(refused.json()).isEqualTo(expected);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void readingStatisticsNeedsTheWebhooksReadScope() {
        TestTenant tenant = api.newTenant();
        String webhook = api.webhook(tenant, receiver.url("/scope"), Map.of());
        String token = api.token(List.of(tenant.id()), List.of("events:read", "webhooks:write"));

        for (String path : List.of("/v1/webhooks/" + webhook + "/stats", "/v1/stats")) {
            Response denied = api.get(path, token, tenant.id());
            assertThat(denied.json())
                    .isEqualTo(problem(
                            denied,
                            403,
                            "insufficient-scope",
                            "The token lacks a required scope",
                            "the token does not carry the scope this operation needs",
                            path));
            String reader = api.token(List.of(tenant.id()), List.of("webhooks:read"));
            assertThat(api.get(path, reader, tenant.id()).status()).isEqualTo(200);
        }
    }

    /**
     * On a node with a database of its own: retention past the attempt log's 30 days leaves the
     * figures as they were (they are read from the statistics, not the log), and past the
     * statistics' own 31 days removes them.
     */
    @Test
    void theFiguresAreReadFromTheStatisticsWhichOutliveTheAttemptLog() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        database.springProperties().forEach((key, value) -> settings.put(key, String.valueOf(value)));
        try (RunningApp node = RunningApp.startWithDelivery(settings)) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            String webhook = api.webhook(tenant, receiver.url("/kept"), Map.of("retry", Map.of("enabled", false)));
            receiver.then(Reply.status(500));
            api.publishSample(tenant, "order.placed");
            api.publishSample(tenant, "order.placed");
            awaitFinal(api, tenant, webhook, 2);
            String path = "/v1/webhooks/" + webhook + "/stats?window=7d";
            JsonNode before = api.get(path, tenant).json().get("totals");
            assertCounts(before, 2, 1, new long[] {0, 0, 0, 1, 0}, 1, 1, 0.5);

            Retention retention = node.bean(Retention.class);
            Retention.Removed logGone =
                    retention.clean(Instant.now().plus(Duration.ofDays(30)).plusSeconds(60));

            assertThat(logGone.attempts()).isEqualTo(2);
            assertThat(logGone.deliveries()).isEqualTo(2);
            assertThat(logGone.stats()).isZero();
            assertThat(api.deliveries(tenant, webhook)).isEmpty();
            assertThat(api.get(path, tenant).json().get("totals")).isEqualTo(before);

            Retention.Removed statsGone = retention.clean(Instant.now().plus(Duration.ofDays(32)));
            assertThat(statsGone.stats()).isPositive();
            JsonNode after = api.get(path, tenant).json().get("totals");
            assertThat(after.get("attempts").asLong()).isZero();
            assertThat(after.get("deliveriesSucceeded").asLong()).isZero();
        }
    }

    @Test
    void bucketStartsAreWholeHoursInUtc() {
        TestTenant tenant = api.newTenant();
        JsonNode stats = api.get("/v1/stats", tenant).json();
        OffsetDateTime first =
                OffsetDateTime.parse(stats.get("buckets").get(0).get("start").asString());
        assertThat(first.getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(first.getMinute()).isZero();
        assertThat(first.getSecond()).isZero();
        assertThat(stats.get("from").asString())
                .isEqualTo(stats.get("buckets").get(0).get("start").asString());
    }
}
