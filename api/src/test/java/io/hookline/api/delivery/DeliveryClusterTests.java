package io.hookline.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.HooklineApplication;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Several worker nodes on one database. Runs in a JVM of its own (see the api pom), so no
 * other test's worker takes part.
 */
class DeliveryClusterTests {

    private static Set<String> eventIds(List<Receiver.Request> requests) {
        Set<String> ids = new HashSet<>();
        requests.forEach(request -> ids.add(request.header("webhook-id")));
        return ids;
    }

    private static List<String> publish(ApiClient api, TestTenant tenant, int count) {
        JsonNode data = api.sample(tenant, "order.placed");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var response = api.post("/v1/events", Map.of("type", "order.placed", "data", data), tenant);
            assertThat(response.status()).isEqualTo(202);
            ids.add(response.json().get("id").asString());
        }
        return ids;
    }

    /**
     * A node in a process of its own (to be killed for real) on the shared database, with
     * {@link RunningApp#DELIVERY_SETTINGS} and then {@code overrides}, its output in {@code log}.
     */
    private static ProcessBuilder nodeProcess(Map<String, String> overrides, File log) {
        Map<String, String> settings = new LinkedHashMap<>(RunningApp.DELIVERY_SETTINGS);
        settings.putAll(TestDatabase.connection().springProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
        settings.put("server.port", "0");
        settings.put("hookline.dev.enabled", "true");
        settings.put("hookline.secrets.encryption-key", RunningApp.TEST_SECRETS_KEY);
        settings.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HooklineApplication.class.getName()));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    }

    /** A node in this JVM that publishes (and serves the API) but delivers nothing. */
    private static RunningApp nodeWithoutWorker(String key) {
        return RunningApp.start(Map.of(
                "hookline.dev.key-file",
                key,
                "hookline.webhooks.allow-http",
                "true",
                "hookline.webhooks.allowed-networks",
                "127.0.0.0/8"));
    }

    private static double attempts(RunningApp node) {
        return node.bean(MeterRegistry.class).find("hookline.delivery.attempts").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEverythingAndNothingTwice() {
        String key = Path.of("target", "cluster-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        try (Receiver receiver = new Receiver();
                RunningApp first = RunningApp.startWithDelivery(Map.of("hookline.dev.key-file", key));
                RunningApp second = RunningApp.startWithDelivery(Map.of("hookline.dev.key-file", key))) {
            ApiClient api = first.client();
            TestTenant tenant = api.newTenant();
            api.post(
                    "/v1/webhooks",
                    Map.of("name", "both", "url", receiver.url("/both"), "events", List.of("order.placed")),
                    tenant);

            // single events through both nodes (each sends its own on commit), and batches through
            // the first: all but the first 16 of a batch wait in the queue for either node's claim
            ApiClient other = second.client();
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                published.addAll(publish(api, tenant, 1));
                published.addAll(publish(other, tenant, 1));
            }
            JsonNode data = api.sample(tenant, "order.placed");
            for (int b = 0; b < 2; b++) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(Map.of("type", "order.placed", "data", data));
                }
                var response = api.post("/v1/events/batch", Map.of("events", events), tenant);
                assertThat(response.status()).isEqualTo(200);
                response.json()
                        .get("results")
                        .forEach(outcome -> published.add(outcome.get("id").asString()));
            }
            assertThat(published).hasSize(300).doesNotHaveDuplicates();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> eventIds(receiver.received()).size() == 300);
            assertThat(eventIds(receiver.received())).containsExactlyInAnyOrderElementsOf(published);
            assertThat(receiver.received()).hasSize(300);
            assertThat(attempts(first)).isPositive();
            assertThat(attempts(second)).isPositive();
            assertThat(attempts(first) + attempts(second)).isEqualTo(300.0);
        }
    }

    @Test
    void aKilledNodesLeasedDeliveriesAreTakenOverAndEverythingArrives() throws Exception {
        String key = Path.of("target", "crash-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        File log = Files.createTempFile(Path.of("target").toAbsolutePath(), "crashed-node", ".log")
                .toFile();
        ProcessBuilder doomedNode = nodeProcess(
                Map.of(
                        "hookline.dev.key-file",
                        key,
                        "hookline.delivery.concurrency",
                        "4",
                        "hookline.delivery.lease",
                        "3s"),
                log);

        try (Receiver receiver =
                        new Receiver().byDefault(request -> Reply.status(200).after(Duration.ofMillis(150)));
                RunningApp publisher = nodeWithoutWorker(key)) {
            ApiClient api = publisher.client();
            TestTenant tenant = api.newTenant();
            api.post(
                    "/v1/webhooks",
                    Map.of("name", "crash", "url", receiver.url("/crash"), "events", List.of("order.placed")),
                    tenant);
            List<String> published = publish(api, tenant, 60);

            Process doomed = doomedNode.start();
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.received().size() >= 8);
            } finally {
                doomed.destroyForcibly().waitFor();
            }
            int beforeCrash = eventIds(receiver.received()).size();
            assertThat(beforeCrash).isLessThan(60);

            try (RunningApp survivor = RunningApp.startWithDelivery(
                    Map.of("hookline.dev.key-file", key, "hookline.delivery.lease", "3s"))) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> eventIds(receiver.received()).size() == 60);
                assertThat(eventIds(receiver.received())).containsExactlyInAnyOrderElementsOf(published);
                int duplicates = receiver.received().size() - published.size();
                System.out.printf(
                        "kill -9: %d of %d received before the kill, all %d after it, %d duplicates%n",
                        beforeCrash, published.size(), published.size(), duplicates);
                // only deliveries the killed node held under a lease can arrive twice: at most its
                // concurrency (4) of requests in flight when it died
                assertThat(duplicates).isBetween(0, 4);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> api.get("/v1/events?limit=100", tenant)
                                        .json()
                                        .get("data")
                                        .size()
                                == 60);
            }
        }
    }

    /**
     * A node sends the deliveries of the events it publishes itself, leased to it from the
     * publishing transaction on (no claim). Killed while their requests are under way, it leaves
     * them leased; another node takes them over once the lease runs out, and each arrives.
     */
    @Test
    void deliveriesHandedOffOnCommitByANodeThatIsKilledAreSentByAnotherOnceTheirLeaseRunsOut() throws Exception {
        String key = Path.of("target", "handoff-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        File log = Files.createTempFile(Path.of("target").toAbsolutePath(), "handoff-node", ".log")
                .toFile();
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        try (Receiver receiver = new Receiver().byDefault(request -> {
                    try {
                        released.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.status(200);
                });
                RunningApp setup = nodeWithoutWorker(key)) {
            ApiClient api = setup.client();
            TestTenant tenant = api.newTenant();
            api.webhook(tenant, receiver.url("/handed"), Map.of());
            String body = ApiClient.JSON.writeValueAsString(
                    Map.of("type", "order.placed", "data", api.sample(tenant, "order.placed")));

            Process doomed = nodeProcess(
                            Map.of(
                                    "hookline.dev.key-file",
                                    key,
                                    "hookline.delivery.lease",
                                    "3s",
                                    "server.port",
                                    String.valueOf(port)),
                            log)
                    .start();
            List<String> published = new ArrayList<>();
            DSLContext dsl = setup.bean(DSLContext.class);
            try {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/v1/events"))
                        .header("Authorization", "Bearer " + tenant.token())
                        .header("X-Tenant-ID", tenant.id())
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(90))
                        .ignoreExceptions()
                        .until(() -> {
                            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 202) {
                                return false;
                            }
                            published.add(ApiClient.JSON
                                    .readTree(response.body())
                                    .get("id")
                                    .asString());
                            return true;
                        });
                for (int i = 0; i < 2; i++) {
                    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(202);
                    published.add(
                            ApiClient.JSON.readTree(response.body()).get("id").asString());
                }
                // the doomed node's requests are held open by the receiver: leased, in flight
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> eventIds(receiver.received()).containsAll(published));
                assertThat(deliveries(dsl, published))
                        .as("status and attempt of each delivery while the doomed node sends it")
                        .containsOnly("delivering/1 (never claimed)");
            } finally {
                doomed.destroyForcibly().waitFor();
                released.countDown();
            }

            try (RunningApp survivor = RunningApp.startWithDelivery(
                    Map.of("hookline.dev.key-file", key, "hookline.delivery.lease", "3s"))) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> deliveries(dsl, published)
                                .equals(List.of("succeeded/2", "succeeded/2", "succeeded/2")));
                // each twice: held open by the receiver when the first node died, then sent again
                assertThat(receiver.received()).hasSize(6);
            }
        }
    }

    /**
     * Each delivery of these events as {@code status/attempts}, in event order, marked when no
     * claim ever touched its row (a claim stamps {@code updated_at}).
     */
    private static List<String> deliveries(DSLContext dsl, List<String> eventIds) {
        return dsl.fetch("""
                        select status || '/' || attempt_count
                               || case when updated_at = created_at then ' (never claimed)' else '' end
                          from delivery where event_id = any(?) order by event_id""", (Object) eventIds.toArray(String[]::new)).getValues(0, String.class);
    }

    @Test
    void oneTenantsSlowFloodedEndpointDoesNotDelayAnotherTenant() {
        try (Receiver slow =
                        new Receiver().byDefault(request -> Reply.status(200).after(Duration.ofMillis(1000)));
                Receiver fast = new Receiver();
                RunningApp node = RunningApp.startWithDelivery(Map.of(
                        "hookline.delivery.concurrency", "16", "hookline.delivery.per-webhook-in-flight", "4"))) {
            ApiClient api = node.client();
            TestTenant noisy = api.newTenant();
            TestTenant quiet = api.newTenant();
            api.post(
                    "/v1/webhooks",
                    Map.of("name", "slow", "url", slow.url("/slow"), "events", List.of("order.placed")),
                    noisy);
            api.post(
                    "/v1/webhooks",
                    Map.of("name", "fast", "url", fast.url("/fast"), "events", List.of("order.placed")),
                    quiet);
            publish(api, noisy, 60);
            slow.awaitRequests(4, Duration.ofSeconds(10));

            long start = System.nanoTime();
            publish(api, quiet, 5);
            fast.awaitRequests(5, Duration.ofSeconds(10));
            long quietMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(quietMillis).isLessThan(2_000);
            assertThat(slow.received().size()).isLessThan(30);
        }
    }

    @Test
    void anEventPublishedOnANodeWithoutAWorkerWakesAnotherNodesWorkerWithoutWaitingForItsPoll() {
        String key = Path.of("target", "wake-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        java.util.Map<String, Long> arrivedAt = new java.util.concurrent.ConcurrentHashMap<>();
        try (Receiver receiver = new Receiver().byDefault(request -> {
                    arrivedAt.put(request.header("webhook-id"), System.nanoTime());
                    return Reply.status(200);
                });
                RunningApp publisher = RunningApp.startWithDelivery(
                        Map.of("hookline.dev.key-file", key, "hookline.delivery.enabled", "false"));
                RunningApp worker = RunningApp.startWithDelivery(Map.of("hookline.dev.key-file", key))) {
            ApiClient api = publisher.client();
            TestTenant tenant = api.newTenant();
            api.webhook(tenant, receiver.url("/woken"), Map.of());
            api.publishSample(tenant, "order.placed");
            receiver.awaitRequests(1, Duration.ofSeconds(10));

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long published = System.nanoTime();
                String id = api.publishSample(tenant, "order.placed");
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrivedAt.containsKey(id));
                millis.add((arrivedAt.getOrDefault(id, published) - published) / 1_000_000);
            }
            java.util.Collections.sort(millis);
            // the other node polls every 500 ms; woken by the NOTIFY sent after commit it needs far less
            assertThat(millis.get(5))
                    .as("median publish → receipt via the other node (ms)")
                    .isLessThan(150);
        }
    }
}
