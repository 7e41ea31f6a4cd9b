package io.hookline.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.Receiver;
import io.hookline.api.support.RunningApp;
import io.hookline.client.ApiClient;
import io.hookline.client.ApiException;
import io.hookline.client.api.DeliveriesApi;
import io.hookline.client.api.EventTypesApi;
import io.hookline.client.api.EventsApi;
import io.hookline.client.api.StatisticsApi;
import io.hookline.client.api.TenantsApi;
import io.hookline.client.api.WebhooksApi;
import io.hookline.client.model.CreateTenantRequest;
import io.hookline.client.model.CreateWebhookRequest;
import io.hookline.client.model.DeliveryList;
import io.hookline.client.model.DeliveryResponse;
import io.hookline.client.model.EventResponse;
import io.hookline.client.model.PublishEventRequest;
import io.hookline.client.model.RotateSecretRequest;
import io.hookline.client.model.TenantRateLimit;
import io.hookline.client.model.WebhookResponse;
import io.hookline.client.model.WebhookStatsResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an integrator does with the generated client and nothing else of ours: create a
 * webhook, publish an event, receive it on their own endpoint, verify its signature with
 * their own code (Java, Node, Python), page through the delivery log, read the webhook's
 * statistics, rotate the secret, and back off on 429. Tokens come from the identity provider — here dev mode's {@code /dev/tokens}.
 */
class IntegratorJourneyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final RunningApp node = RunningApp.sharedWithDelivery();
    private final AtomicInteger rateLimited = new AtomicInteger();

    /** Calls the API, and on 429 waits Retry-After seconds and tries again (the documented back-off). */
    private <T> T withBackoff(Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ApiException e) {
                if (e.getCode() != 429 || attempt >= 10) {
                    throw e;
                }
                rateLimited.incrementAndGet();
                long seconds = Long.parseLong(
                        e.getResponseHeaders().firstValue("Retry-After").orElse("1"));
                Thread.sleep(Duration.ofSeconds(seconds)); // honouring Retry-After is the behaviour under test
            }
        }
    }

    private String devToken(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/dev/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("token").asString();
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(node.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void anIntegratorSubscribesReceivesVerifiesPagesRotatesAndBacksOff() throws Exception {
        try (Receiver receiver = new Receiver()) {
            TenantsApi tenants = new TenantsApi(client(devToken("{\"scopes\": [\"platform:admin\"]}")));
            String tenant = tenants.createTenant(new CreateTenantRequest()
                            .name("Integrator Co")
                            .administrationCode("INT"
                                    + UUID.randomUUID()
                                            .toString()
                                            .substring(0, 8)
                                            .toUpperCase()
                                            .replace("-", ""))
                            .rateLimit(new TenantRateLimit()
                                    .limit(8)
                                    .windowSeconds(2)
                                    .cooldownSeconds(2)))
                    .getId();
            ApiClient api = client(devToken("{\"tenantId\": \"" + tenant + "\"}"));
            WebhooksApi webhooks = new WebhooksApi(api);
            EventsApi events = new EventsApi(api);
            DeliveriesApi deliveries = new DeliveriesApi(api);

            WebhookResponse webhook = withBackoff(() -> webhooks.createWebhook(
                    tenant,
                    new CreateWebhookRequest()
                            .name("My ERP")
                            .url(receiver.url("/hookline"))
                            .events(List.of("order.placed"))));
            String secret = webhook.getSecret();
            assertThat(secret).startsWith("whsec_");

            Map<String, Object> data = withBackoff(
                            () -> new EventTypesApi(api).getEventTypeSample("order.placed", tenant))
                    .getData();
            EventResponse first = withBackoff(() -> events.publishEvent(
                    tenant, new PublishEventRequest().type("order.placed").data(data), "order-" + UUID.randomUUID()));

            Receiver.Request delivered = receiver.awaitRequests(1, DEADLINE).getFirst();
            assertThat(delivered.header("webhook-id")).isEqualTo(first.getId());
            assertThat(WebhookVerifier.verify(secret, delivered.headers(), delivered.body(), 300))
                    .isTrue();
            assertThat(WebhookVerifier.verify(secret, delivered.headers(), delivered.body() + " ", 300))
                    .isFalse();
            assertThat(runSnippet("node", delivered, secret)).isEqualTo("true");
            assertThat(runSnippet("python3", delivered, secret)).isEqualTo("true");

            for (int i = 0; i < 4; i++) {
                withBackoff(() -> events.publishEvent(
                        tenant, new PublishEventRequest().type("order.placed").data(data), null));
            }
            receiver.awaitRequests(5, DEADLINE);
            List<DeliveryResponse> log = new ArrayList<>();
            Awaitility.await().atMost(DEADLINE).until(() -> {
                log.clear();
                String cursor = null;
                do {
                    String page = cursor;
                    DeliveryList list =
                            withBackoff(() -> deliveries.listDeliveries(webhook.getId(), tenant, null, null, 2, page));
                    assertThat(list.getData()).hasSizeLessThanOrEqualTo(2);
                    log.addAll(list.getData());
                    cursor = list.getNextCursor();
                } while (cursor != null);
                return log.size() == 5 && log.stream().allMatch(d -> "succeeded".equals(String.valueOf(d.getStatus())));
            });
            assertThat(log).extracting(DeliveryResponse::getId).doesNotHaveDuplicates();
            // the five settled attempts are in the webhook's statistics
            WebhookStatsResponse stats =
                    withBackoff(() -> new StatisticsApi(api).getWebhookStats(webhook.getId(), tenant, "24h"));
            assertThat(stats.getTotals().getAttempts()).isEqualTo(5);
            assertThat(stats.getTotals().getSucceeded()).isEqualTo(5);
            assertThat(stats.getTotals().getSuccessRate()).isEqualTo(1.0);
            assertThat(stats.getTotals().getLatencyMs().getP50()).isNotNull();
            assertThat(stats.getBuckets()).hasSize(24);

            String rotated = withBackoff(() -> webhooks.rotateWebhookSecret(
                            webhook.getId(), tenant, new RotateSecretRequest().graceSeconds(3600)))
                    .getSecret();
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
            withBackoff(() -> events.publishEvent(
                    tenant, new PublishEventRequest().type("order.placed").data(data), null));
            Receiver.Request afterRotation = receiver.awaitRequests(6, DEADLINE).get(5);
            assertThat(WebhookVerifier.verify(rotated, afterRotation.headers(), afterRotation.body(), 300))
                    .isTrue();
            assertThat(WebhookVerifier.verify(secret, afterRotation.headers(), afterRotation.body(), 300))
                    .isTrue();

            for (int i = 0; i < 12; i++) {
                withBackoff(() -> webhooks.getWebhook(webhook.getId(), tenant));
            }
            assertThat(rateLimited.get())
                    .as("the journey went over the tenant's 8 per 2 s at least once")
                    .isPositive();
        }
    }

    /** Runs the docs' Node or Python verifier against a real delivery; prints true or false. */
    private static String runSnippet(String runtime, Receiver.Request delivered, String secret) throws Exception {
        boolean available;
        try {
            available = new ProcessBuilder(runtime, "--version").start().waitFor() == 0;
        } catch (IOException e) {
            available = false;
        }
        if (!available && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort(runtime + " is not installed: skipping the " + runtime + " snippet (it runs in CI)");
        }
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "snippet");
        Path input = dir.resolve("input.json");
        JsonNode payload =
                JSON.valueToTree(Map.of("secret", secret, "headers", delivered.headers(), "body", delivered.body()));
        Files.writeString(input, JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
        Path snippets = Path.of("src", "test", "resources", "snippets").toAbsolutePath();
        List<String> command = runtime.equals("node")
                ? List.of(
                        "node",
                        "-e",
                        "const {verifyWebhook} = require(process.argv[1]);"
                                + "const i = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
                                + "console.log(String(verifyWebhook(i.secret, i.headers, i.body)));",
                        snippets.resolve("verify.js").toString(),
                        input.toString())
                : List.of(
                        "python3",
                        "-c",
                        "import json, sys; sys.path.insert(0, sys.argv[1]); from verify import verify_webhook;"
                                + " i = json.load(open(sys.argv[2])); print(str(verify_webhook(i['secret'], i['headers'], i['body'])).lower())",
                        snippets.toString(),
                        input.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void theIntegratorsGuideShowsTheVerifiersThatTheseTestsRun() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "integrators.md"), StandardCharsets.UTF_8);
        Path snippets = Path.of("src", "test", "resources", "snippets");
        assertThat(guide)
                .contains(Files.readString(snippets.resolve("verify.js"), StandardCharsets.UTF_8)
                        .strip());
        assertThat(guide)
                .contains(Files.readString(snippets.resolve("verify.py"), StandardCharsets.UTF_8)
                        .strip());
        String java = Files.readString(
                Path.of("src", "test", "java", "io", "hookline", "client", "e2e", "WebhookVerifier.java"),
                StandardCharsets.UTF_8);
        String body = java.substring(java.indexOf("public final class WebhookVerifier"));
        assertThat(guide).contains(body.strip());
    }
}
