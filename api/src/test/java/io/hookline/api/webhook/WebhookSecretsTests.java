package io.hookline.api.webhook;

import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets stay secret: who may point a secret-carrying webhook elsewhere, credential headers
 * that are write-only in every response and log, and which secret the single-secret schemes
 * send during a rotation's grace. Real deliveries to a real receiver.
 */
class WebhookSecretsTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String MASK = "********";

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, Object> webhook(String path) {
        return ApiClient.webhookBody("receiver " + path, receiver.url(path));
    }

    private JsonNode create(TestTenant tenant, Map<String, Object> webhook) {
        return api.createWebhook(tenant, webhook);
    }

    private String writer(TestTenant tenant) {
        return api.token(List.of(tenant.id()), List.of("webhooks:read", "webhooks:write", "events:write"));
    }

    private void publishOrder(TestTenant tenant) {
        api.publishSample(tenant, "order.placed");
    }

    private JsonNode firstAttemptOfLatestDelivery(TestTenant tenant, String webhookId) {
        return api.latestDelivery(tenant, webhookId, "succeeded", DEADLINE)
                .get("attempts")
                .get(0);
    }

    private static JsonNode scopeProblem(Response response, String webhookId, String detail) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/insufficient-scope");
        expected.put("title", "The token lacks a required scope");
        expected.put("status", 403);
        expected.put("detail", detail);
        expected.put("instance", "/v1/webhooks/" + webhookId);
        expected.put("requestId", response.header("X-Request-Id"));
        return expected;
    }

    private static final String X_SECRET_DETAIL = "changing the url, headers or signatureScheme of an x-secret webhook,"
            + " or switching one to x-secret, needs the webhooks:secrets scope: its deliveries carry the signing"
            + " secret itself";

    @Test
    void aWriteOnlyTokenCannotPointAnXSecretWebhookElsewhere() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/x-secret");
        spec.put("signatureScheme", "x-secret");
        spec.put("headers", Map.of("X-Custom", "v"));
        String id = create(tenant, spec).get("id").asString();
        JsonNode before = api.get("/v1/webhooks/" + id, tenant).json();
        String writer = writer(tenant);

        for (Map<String, Object> change : List.<Map<String, Object>>of(
                Map.of("url", "https://attacker.example.com/collect"),
                Map.of("headers", Map.of("X-Custom", "w")),
                Map.of("signatureScheme", "standard"))) {
            Response refused = api.patch("/v1/webhooks/" + id, change, writer, tenant.id());

            assertThat(refused.status()).as(change.toString()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json()).isEqualTo(scopeProblem(refused, id, X_SECRET_DETAIL));
        }
        assertThat(api.get("/v1/webhooks/" + id, tenant).json()).isEqualTo(before);

        Response renamed = api.patch(
                "/v1/webhooks/" + id,
                Map.of("name", "renamed", "url", before.get("url").asString(), "signatureScheme", "x-secret"),
                writer,
                tenant.id());
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("renamed");

        Response moved = api.patch("/v1/webhooks/" + id, Map.of("url", receiver.url("/moved")), tenant);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().get("url").asString()).isEqualTo(receiver.url("/moved"));
    }

    @Test
    void switchingToXSecretNeedsTheSecretsScopeButCreatingOneDoesNot() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("/standard")).get("id").asString();
        String writer = writer(tenant);

        Response refused = api.patch("/v1/webhooks/" + id, Map.of("signatureScheme", "x-secret"), writer, tenant.id());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).isEqualTo(scopeProblem(refused, id, X_SECRET_DETAIL));
        assertThat(api.get("/v1/webhooks/" + id, tenant)
                        .json()
                        .get("signatureScheme")
                        .asString())
                .isEqualTo("standard");
        Response switched = api.patch("/v1/webhooks/" + id, Map.of("signatureScheme", "x-secret"), tenant);
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().get("signatureScheme").asString()).isEqualTo("x-secret");

        Map<String, Object> fresh = webhook("/fresh");
        fresh.put("signatureScheme", "x-secret");
        Response created = api.post("/v1/webhooks", fresh, writer, tenant.id());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).startsWith("whsec_");
    }

    @Test
    void credentialHeadersAreMaskedInEveryResponseAndLogButDelivered() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/credentials");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer s3cr3t-value");
        headers.put("X-Api-Key", "k3y-value");
        headers.put("x-session-TOKEN", "t0ken-value");
        headers.put("X-Custom", "v");
        spec.put("headers", headers);
        Map<String, String> shown =
                Map.of("Authorization", MASK, "X-Api-Key", MASK, "x-session-TOKEN", MASK, "X-Custom", "v");

        Response created = api.post("/v1/webhooks", spec, tenant);
        String id = created.json().get("id").asString();
        Response fetched = api.get("/v1/webhooks/" + id, tenant);
        Response listed = api.get("/v1/webhooks", tenant);
        Response patched = api.patch("/v1/webhooks/" + id, Map.of("name", "renamed"), tenant);

        for (Response response : List.of(created, fetched, listed, patched)) {
            assertThat(response.raw())
                    .doesNotContain("s3cr3t")
                    .doesNotContain("k3y-value")
                    .doesNotContain("t0ken");
        }
        for (JsonNode shownHeaders : List.of(
                created.json().get("headers"),
                fetched.json().get("headers"),
                listed.json().get("data").get(0).get("headers"),
                patched.json().get("headers"))) {
            assertThat(ApiClient.JSON.convertValue(shownHeaders, Map.class)).isEqualTo(shown);
        }

        publishOrder(tenant);
        Receiver.Request delivered = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(delivered.header("authorization")).isEqualTo("Bearer s3cr3t-value");
        assertThat(delivered.header("x-api-key")).isEqualTo("k3y-value");
        assertThat(delivered.header("x-session-token")).isEqualTo("t0ken-value");
        JsonNode logged = firstAttemptOfLatestDelivery(tenant, id).get("requestHeaders");
        assertThat(logged.get("Authorization").asString()).isEqualTo(MASK);
        assertThat(logged.get("X-Api-Key").asString()).isEqualTo(MASK);
        assertThat(logged.get("x-session-TOKEN").asString()).isEqualTo(MASK);
        assertThat(logged.get("X-Custom").asString()).isEqualTo("v");
        assertThat(logged.toString())
                .doesNotContain("s3cr3t")
                .doesNotContain("k3y-value")
                .doesNotContain("t0ken");

        Response tested = api.post("/v1/webhooks/" + id + "/test", null, tenant);
        assertThat(tested.status()).isEqualTo(200);
        assertThat(receiver.awaitRequests(2, DEADLINE).get(1).header("authorization"))
                .isEqualTo("Bearer s3cr3t-value");
        JsonNode testLogged = firstAttemptOfLatestDelivery(tenant, id).get("requestHeaders");
        assertThat(testLogged.get("X-Event-Type").asString()).isEqualTo("webhook.test");
        assertThat(testLogged.get("Authorization").asString()).isEqualTo(MASK);
    }

    @Test
    void anAttemptLoggedInClearBeforeMaskingIsMaskedWhenRead() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("/old-row")).get("id").asString();
        publishOrder(tenant);
        String attemptId = firstAttemptOfLatestDelivery(tenant, id).get("id").asString();
        app.bean(DSLContext.class)
                .update(DELIVERY_ATTEMPT)
                .set(
                        DELIVERY_ATTEMPT.REQUEST_HEADERS,
                        JSONB.valueOf("{\"Authorization\":\"Bearer old-s3cr3t\",\"X-Custom\":\"v\"}"))
                .where(DELIVERY_ATTEMPT.ID.eq(attemptId))
                .execute();

        JsonNode logged = firstAttemptOfLatestDelivery(tenant, id).get("requestHeaders");

        assertThat(ApiClient.JSON.convertValue(logged, Map.class))
                .isEqualTo(Map.of("Authorization", MASK, "X-Custom", "v"));
    }

    @Test
    void theMaskSentBackKeepsTheStoredValueAndNamesNothingNew() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/round-trip");
        spec.put("headers", Map.of("Authorization", "Bearer s3cr3t-value", "X-Custom", "v"));
        String id = create(tenant, spec).get("id").asString();
        String writer = writer(tenant);

        JsonNode shown = api.get("/v1/webhooks/" + id, tenant).json().get("headers");
        Map<String, Object> roundTrip = new LinkedHashMap<>(ApiClient.JSON.convertValue(shown, Map.class));
        roundTrip.put("X-Custom", "w");
        Response kept = api.patch("/v1/webhooks/" + id, Map.of("headers", roundTrip), writer, tenant.id());
        assertThat(kept.status()).as(kept.raw()).isEqualTo(200);
        assertThat(ApiClient.JSON.convertValue(kept.json().get("headers"), Map.class))
                .isEqualTo(Map.of("Authorization", MASK, "X-Custom", "w"));

        Response unknown = api.patch(
                "/v1/webhooks/" + id, Map.of("headers", Map.of("Authorization", MASK, "X-Auth-Token", MASK)), tenant);
        assertThat(unknown.status()).isEqualTo(422);
        String message = "is ********, which keeps a stored value, but this webhook has none under this name;"
                + " send the real value";
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/validation-failed");
        expected.put("title", "The request has invalid values");
        expected.put("status", 422);
        expected.put("detail", "headers.X-Auth-Token " + message);
        expected.put("instance", "/v1/webhooks/" + id);
        expected.put("requestId", unknown.header("X-Request-Id"));
        ObjectNode error = expected.putArray("errors").addObject();
        error.put("field", "headers.X-Auth-Token");
        error.put("message", message);
        assertThat(unknown.json()).isEqualTo(expected);
        Map<String, Object> created = webhook("/masked-create");
        created.put("headers", Map.of("Authorization", MASK));
        assertThat(api.post("/v1/webhooks", created, tenant).fieldErrors()).containsExactly("headers.Authorization");

        publishOrder(tenant);
        Receiver.Request delivered = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(delivered.header("authorization")).isEqualTo("Bearer s3cr3t-value");
        assertThat(delivered.header("x-custom")).isEqualTo("w");
    }

    @Test
    void aNewUrlForStoredCredentialHeadersNeedsTheSecretsScopeOrTheValuesAgain() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("/credentials");
        spec.put("headers", Map.of("Authorization", "Bearer s3cr3t-value"));
        String id = create(tenant, spec).get("id").asString();
        String writer = writer(tenant);

        Response refused =
                api.patch("/v1/webhooks/" + id, Map.of("url", "https://attacker.example.com/x"), writer, tenant.id());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json())
                .isEqualTo(scopeProblem(
                        refused,
                        id,
                        "moving a webhook with credential headers to a new url needs the webhooks:secrets scope,"
                                + " or the headers' values sent again with the new url"));
        assertThat(api.patch(
                                "/v1/webhooks/" + id,
                                Map.of("url", receiver.url("/masked"), "headers", Map.of("Authorization", MASK)),
                                writer,
                                tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("url").asString())
                .isEqualTo(receiver.url("/credentials"));

        Response retyped = api.patch(
                "/v1/webhooks/" + id,
                Map.of("url", receiver.url("/moved"), "headers", Map.of("Authorization", "Bearer new-value")),
                writer,
                tenant.id());
        assertThat(retyped.status()).as(retyped.raw()).isEqualTo(200);
        publishOrder(tenant);
        Receiver.Request delivered = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(delivered.header("authorization")).isEqualTo("Bearer new-value");
    }

    @Test
    void duringTheGraceXSecretAndMessageHashKeepThePreviousSecretUntilAReset() throws Exception {
        TestTenant tenant = api.newTenant();
        Map<String, Object> plain = webhook("/x-secret");
        plain.put("signatureScheme", "x-secret");
        Map<String, Object> hashed = webhook("/hash");
        hashed.put("signatureScheme", "message-hash");
        JsonNode plainHook = create(tenant, plain);
        JsonNode hashedHook = create(tenant, hashed);
        String plainOld = plainHook.get("secret").asString();
        String hashedOld = hashedHook.get("secret").asString();
        String plainNew = rotate(tenant, plainHook, 3600);
        String hashedNew = rotate(tenant, hashedHook, 3600);

        publishOrder(tenant);

        List<Receiver.Request> during = receiver.awaitRequests(2, DEADLINE);
        Receiver.Request withSecret = byHeader(during, "x-secret");
        Receiver.Request withHash = byHeader(during, "messagehash");
        assertThat(withSecret.header("x-secret")).isEqualTo(plainOld);
        assertThat(withHash.header("messagehash")).isEqualTo(messageHash(hashedOld, withHash.body()));
        for (String secret : List.of(hashedOld, hashedNew)) {
            assertThat(StandardWebhooksVerifier.verify(
                            secret,
                            withHash.header("webhook-id"),
                            withHash.header("webhook-timestamp"),
                            withHash.body(),
                            withHash.header("webhook-signature")))
                    .isTrue();
        }
        assertThat(plainNew).isNotEqualTo(plainOld);

        String plainReset = rotate(tenant, plainHook, 0);
        String hashedReset = rotate(tenant, hashedHook, 0);
        publishOrder(tenant);

        List<Receiver.Request> after = receiver.awaitRequests(4, DEADLINE).subList(2, 4);
        assertThat(byHeader(after, "x-secret").header("x-secret")).isEqualTo(plainReset);
        Receiver.Request hashAfter = byHeader(after, "messagehash");
        assertThat(hashAfter.header("messagehash")).isEqualTo(messageHash(hashedReset, hashAfter.body()));
    }

    private String rotate(TestTenant tenant, JsonNode webhook, int graceSeconds) {
        Response rotated = api.post(
                "/v1/webhooks/" + webhook.get("id").asString() + "/secret/rotate",
                Map.of("graceSeconds", graceSeconds),
                tenant);
        assertThat(rotated.status()).isEqualTo(200);
        return rotated.json().get("secret").asString();
    }

    private static Receiver.Request byHeader(List<Receiver.Request> requests, String header) {
        return requests.stream()
                .filter(r -> !r.header(header).isEmpty())
                .findFirst()
                .orElseThrow();
    }

    private static String messageHash(String secret, String body) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest((secret + body).getBytes(StandardCharsets.UTF_8)));
    }
}
