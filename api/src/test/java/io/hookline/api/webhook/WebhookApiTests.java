package io.hookline.api.webhook;

import static io.hookline.domain.jooq.Tables.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.webhook.SecretCipher;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    static Map<String, Object> webhook(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", "https://erp.example.com/hooks");
        body.put("events", List.of("order.placed", "customer.updated"));
        return body;
    }

    @Test
    void createdWebhookShowsItsSecretOnceAndDefaultsEverythingElse() {
        TestTenant tenant = api.newTenant();
        Response created = api.post("/v1/webhooks", webhook("ERP sync"), tenant);

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(id).matches("wh_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(created.header("Location")).isEqualTo("/v1/webhooks/" + id);
        assertThat(body.get("secret").asString()).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder()
                        .decode(body.get("secret").asString().substring(6)))
                .hasSizeGreaterThanOrEqualTo(24);
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(body.get("retry").get("enabled").asBoolean()).isTrue();
        assertThat(body.get("retry").get("maxAttempts").asInt()).isEqualTo(8);
        assertThat(body.get("signatureScheme").asString()).isEqualTo("standard");
        assertThat(body.get("asyncAcknowledgement").asBoolean()).isFalse();
        assertThat(body.get("sites")).isEmpty();
        assertThat(body.get("filters")).isEmpty();

        Response fetched = api.get("/v1/webhooks/" + id, tenant);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("secret")).isFalse();
        assertThat(fetched.raw()).doesNotContain("whsec_");
        Response listed = api.get("/v1/webhooks", tenant);
        assertThat(listed.raw()).doesNotContain("whsec_");
    }

    @Test
    void everyFieldOfTheContractIsStoredAndReturned() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = webhook("Full");
        body.put("sites", List.of("site_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
        body.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "order.placed",
                        "property",
                        "data.total.currency",
                        "operator",
                        "in",
                        "values",
                        List.of("EUR", "USD"))));
        body.put("enabled", false);
        body.put("headers", Map.of("X-Custom", "v"));
        body.put("timeoutSeconds", 30);
        body.put("retry", Map.of("enabled", false, "maxAttempts", 3));
        body.put("asyncAcknowledgement", true);
        body.put("signatureScheme", "message-hash");

        JsonNode created = api.post("/v1/webhooks", body, tenant).json();
        JsonNode fetched =
                api.get("/v1/webhooks/" + created.get("id").asString(), tenant).json();

        assertThat(fetched.get("sites").get(0).asString()).isEqualTo("site_01JD3Q7ZK8M5W2X9R4T6Y1B0NC");
        JsonNode filter = fetched.get("filters").get(0);
        assertThat(filter.get("operator").asString()).isEqualTo("in");
        assertThat(filter.get("values").get(1).asString()).isEqualTo("USD");
        assertThat(fetched.get("enabled").asBoolean()).isFalse();
        assertThat(fetched.get("headers").get("X-Custom").asString()).isEqualTo("v");
        assertThat(fetched.get("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(fetched.get("retry").get("enabled").asBoolean()).isFalse();
        assertThat(fetched.get("retry").get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(fetched.get("asyncAcknowledgement").asBoolean()).isTrue();
        assertThat(fetched.get("signatureScheme").asString()).isEqualTo("message-hash");
    }

    @Test
    void fourthWebhookIsRefusedWithConflict() {
        TestTenant tenant = api.newTenant();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/v1/webhooks", webhook("hook " + i), tenant).status())
                    .isEqualTo(201);
        }

        Response fourth = api.post("/v1/webhooks", webhook("hook 4"), tenant);

        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.contentType()).startsWith("application/problem+json");
        JsonNode problem = fourth.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/webhook-limit-reached");
        assertThat(problem.get("title").asString()).isEqualTo("Webhook limit reached");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString()).contains("3 webhooks");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/webhooks");
        assertThat(problem.get("requestId").asString()).isEqualTo(fourth.header("X-Request-Id"));
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).hasSize(3);
    }

    @Test
    void concurrentCreatesNeverExceedTheCap() throws Exception {
        TestTenant tenant = api.newTenant();
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            creates.add(
                    () -> api.post("/v1/webhooks", webhook("race " + n), tenant).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(9);
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).hasSize(3);
    }

    @Test
    void perTenantWebhookLimitIsHonoured() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(1000, 10, 10), 5);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/v1/webhooks", webhook("hook " + i), tenant).status())
                    .isEqualTo(201);
        }
        assertThat(api.post("/v1/webhooks", webhook("hook 6"), tenant).status()).isEqualTo(409);
    }

    @Test
    void listsArePagedWithAnOpaqueCursorAndALinkHeader() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(1000, 10, 10), 10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.post("/v1/webhooks", webhook("hook " + i), tenant)
                    .json()
                    .get("id")
                    .asString());
        }

        List<String> seen = new ArrayList<>();
        String path = "/v1/webhooks?limit=2";
        int pages = 0;
        while (path != null) {
            Response page = api.get(path, tenant);
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .get("data")
                    .forEach(webhook -> seen.add(webhook.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            String link = page.header("Link");
            if (next.isNull()) {
                assertThat(link).isNull();
                path = null;
            } else {
                assertThat(link)
                        .startsWith("<http://localhost:" + app.port() + "/v1/webhooks?limit=2&cursor=")
                        .endsWith(">; rel=\"next\"");
                path = "/v1/webhooks?limit=2&cursor=" + next.asString();
            }
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void limitOutsideOneToHundredIsABadRequest() {
        TestTenant tenant = api.newTenant();
        for (String limit : List.of("0", "101", "abc")) {
            Response response = api.get("/v1/webhooks?limit=" + limit, tenant);
            assertThat(response.status()).as("limit=%s", limit).isEqualTo(400);
            assertThat(response.json().get("type").asString())
                    .isEqualTo("https://hookline.dev/problems/invalid-request");
        }
        assertThat(api.get("/v1/webhooks?limit=101", tenant)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("limit");
        assertThat(api.get("/v1/webhooks?limit=100", tenant).status()).isEqualTo(200);
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(1000, 10, 10), 10);
        for (int i = 0; i < 3; i++) {
            api.post("/v1/webhooks", webhook("hook " + i), tenant);
        }
        String cursor =
                api.get("/v1/webhooks?limit=1", tenant).json().get("nextCursor").asString();
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                                        .replace("wh_0", "wh_1")
                                        .getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));

        for (String bad : List.of(forged, "garbage", cursor + "x")) {
            Response response = api.get("/v1/webhooks?cursor=" + bad, tenant);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("type").asString())
                    .isEqualTo("https://hookline.dev/problems/invalid-cursor");
        }
        assertThat(api.get("/v1/event-types?cursor=" + cursor, tenant).status()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("before"), tenant)
                .json()
                .get("id")
                .asString();

        Response patched =
                api.patch("/v1/webhooks/" + id, Map.of("name", "after", "retry", Map.of("maxAttempts", 2)), tenant);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo("after");
        assertThat(patched.json().get("retry").get("maxAttempts").asInt()).isEqualTo(2);
        assertThat(patched.json().get("retry").get("enabled").asBoolean()).isTrue();
        assertThat(patched.json().get("url").asString()).isEqualTo("https://erp.example.com/hooks");
        assertThat(patched.json().get("events")).hasSize(2);
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("name").asString())
                .isEqualTo("after");
    }

    @Test
    void reEnablingResetsTheFailureStreakAndTheDisableReason() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("flaky"), tenant)
                .json()
                .get("id")
                .asString();
        app.bean(DSLContext.class)
                .update(WEBHOOK)
                .set(WEBHOOK.ENABLED, false)
                .set(WEBHOOK.CONSECUTIVE_FAILURES, 100)
                .set(WEBHOOK.DISABLED_REASON, "100 consecutive failed attempts")
                .where(WEBHOOK.ID.eq(id))
                .execute();
        JsonNode disabled = api.get("/v1/webhooks/" + id, tenant).json();
        assertThat(disabled.get("disabledReason").asString()).isEqualTo("100 consecutive failed attempts");
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(100);

        JsonNode enabled =
                api.patch("/v1/webhooks/" + id, Map.of("enabled", true), tenant).json();

        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        assertThat(enabled.get("consecutiveFailures").asInt()).isZero();
        assertThat(enabled.get("disabledReason").isNull()).isTrue();
    }

    @Test
    void deletedWebhookIsGoneAndFreesItsSlot() {
        TestTenant tenant = api.newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("/v1/webhooks", webhook("hook " + i), tenant)
                    .json()
                    .get("id")
                    .asString());
        }

        assertThat(api.delete("/v1/webhooks/" + ids.getFirst(), tenant).status())
                .isEqualTo(204);

        assertThat(api.get("/v1/webhooks/" + ids.getFirst(), tenant).status()).isEqualTo(404);
        assertThat(api.delete("/v1/webhooks/" + ids.getFirst(), tenant).status())
                .isEqualTo(404);
        assertThat(api.post("/v1/webhooks", webhook("replacement"), tenant).status())
                .isEqualTo(201);
    }

    @Test
    void anotherTenantsWebhookAnswersNotFoundLikeAMissingOne() {
        TestTenant owner = api.newTenant();
        TestTenant other = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("private"), owner)
                .json()
                .get("id")
                .asString();

        Response foreign = api.get("/v1/webhooks/" + id, other);
        Response missing = api.get("/v1/webhooks/wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC", other);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().get("type")).isEqualTo(missing.json().get("type"));
        assertThat(api.patch("/v1/webhooks/" + id, Map.of("name", "stolen"), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/webhooks/" + id, other).status()).isEqualTo(404);
        assertThat(api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 0), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/v1/webhooks", other).json().get("data")).isEmpty();
        assertThat(api.get("/v1/webhooks/" + id, owner).json().get("name").asString())
                .isEqualTo("private");
        assertThat(api.get("/v1/webhooks/not-an-id", other).status()).isEqualTo(404);
    }

    @Test
    void invalidValuesAreReportedFieldByFieldAndNothingIsWritten() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = webhook("bad");
        body.put("events", List.of("order.placed", "order.exploded"));
        body.put("timeoutSeconds", 31);
        body.put("retry", Map.of("maxAttempts", 11));
        body.put("headers", Map.of("webhook-signature", "forged"));

        Response response = api.post("/v1/webhooks", body, tenant);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/validation-failed");
        Set<String> fields = new HashSet<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("timeoutSeconds", "retry.maxAttempts");

        body.put("timeoutSeconds", 10);
        body.put("retry", Map.of("maxAttempts", 10));
        Response semantic = api.post("/v1/webhooks", body, tenant);
        assertThat(semantic.status()).isEqualTo(422);
        fields.clear();
        semantic.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("events[1]", "headers.webhook-signature");
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).isEmpty();
    }

    @Test
    void filtersMustConcernSubscribedEventsAndMatchTheirOperator() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = webhook("filters");
        body.put(
                "filters",
                List.of(
                        Map.of(
                                "event",
                                "item.created",
                                "property",
                                "data.code",
                                "operator",
                                "equals",
                                "values",
                                List.of("A")),
                        Map.of(
                                "event",
                                "order.placed",
                                "property",
                                "data.total",
                                "operator",
                                "equals",
                                "values",
                                List.of("1", "2")),
                        Map.of(
                                "event",
                                "order.placed",
                                "property",
                                "data..x",
                                "operator",
                                "not_in",
                                "values",
                                List.of("1"))));

        Response response = api.post("/v1/webhooks", body, tenant);

        assertThat(response.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("filters[0].event", "filters[1].values", "filters[2].property");

        Map<String, Object> unknownOperator = webhook("op");
        unknownOperator.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "order.placed",
                        "property",
                        "data.total",
                        "operator",
                        "like",
                        "values",
                        List.of("1"))));
        assertThat(api.post("/v1/webhooks", unknownOperator, tenant).status()).isEqualTo(400);
    }

    @Test
    void urlsThatReachPrivateNetworksArRefused() {
        TestTenant tenant = api.newTenant();
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.0.0.8/x",
                "https://169.254.169.254/latest",
                "https://[::1]/x",
                "https://[::ffff:127.0.0.1]/x",
                "https://2130706433/x",
                "https://0x7f.0.0.1/x",
                "http://erp.example.com/hooks",
                "https://user:pass@erp.example.com/x",
                "ftp://erp.example.com/x",
                "not a url")) {
            Map<String, Object> body = webhook("ssrf");
            body.put("url", url);
            Response response = api.post("/v1/webhooks", body, tenant);
            assertThat(response.status()).as(url).isEqualTo(422);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .as(url)
                    .isEqualTo("url");
        }
        Map<String, Object> longUrl = webhook("long");
        longUrl.put("url", "https://erp.example.com/" + "a".repeat(2100));
        assertThat(api.post("/v1/webhooks", longUrl, tenant).status()).isEqualTo(422);
        Map<String, Object> publicIp = webhook("public");
        publicIp.put("url", "https://93.184.216.34/hook");
        assertThat(api.post("/v1/webhooks", publicIp, tenant).status()).isEqualTo(201);
    }

    @Test
    void urlChecksApplyToPatchToo() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("moving"), tenant)
                .json()
                .get("id")
                .asString();

        Response response = api.patch("/v1/webhooks/" + id, Map.of("url", "https://192.168.1.1/hook"), tenant);

        assertThat(response.status()).isEqualTo(422);
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("url").asString())
                .isEqualTo("https://erp.example.com/hooks");
    }

    @Test
    void secretsAreEncryptedAtRestWithTheirKeyId() {
        TestTenant tenant = api.newTenant();
        JsonNode created = api.post("/v1/webhooks", webhook("sealed"), tenant).json();
        String secret = created.get("secret").asString();

        var row = app.bean(DSLContext.class)
                .selectFrom(WEBHOOK)
                .where(WEBHOOK.ID.eq(created.get("id").asString()))
                .fetchOne();

        assertThat(row).isNotNull();
        java.util.Objects.requireNonNull(row);
        assertThat(new String(row.getSecretCiphertext(), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret.substring(6, 20));
        assertThat(row.getSecretCiphertext().length).isGreaterThan(12 + 16);
        assertThat(row.getSecretKeyId()).isEqualTo(app.bean(SecretCipher.class).currentKeyId());
        assertThat(signingSecrets(tenant, created.get("id").asString())).containsExactly(secret);
    }

    @Test
    void rotationWithGraceSignsWithBothSecretsUntilTheGraceEnds() {
        TestTenant tenant = api.newTenant();
        JsonNode created = api.post("/v1/webhooks", webhook("rotating"), tenant).json();
        String id = created.get("id").asString();
        String old = created.get("secret").asString();

        Response rotated = api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 3600), tenant);

        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().get("previousSecretExpiresAt").isNull()).isFalse();
        assertThat(signingSecrets(tenant, id)).containsExactly(fresh, old);
        assertThat(api.get("/v1/webhooks/" + id, tenant).raw()).doesNotContain(fresh);

        app.bean(DSLContext.class)
                .update(WEBHOOK)
                .set(
                        WEBHOOK.PREVIOUS_SECRET_EXPIRES_AT,
                        java.time.OffsetDateTime.now().minusSeconds(1))
                .where(WEBHOOK.ID.eq(id))
                .execute();
        assertThat(signingSecrets(tenant, id)).containsExactly(fresh);
    }

    @Test
    void resetDropsTheOldSecretAtOnce() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("reset"), tenant)
                .json()
                .get("id")
                .asString();

        Response reset = api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 0), tenant);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("previousSecretExpiresAt").isNull()).isTrue();
        assertThat(signingSecrets(tenant, id))
                .containsExactly(reset.json().get("secret").asString());
        Response tooLong = api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 604801), tenant);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("graceSeconds");
    }

    @Test
    void rotatingNeedsTheSecretsScope() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/webhooks", webhook("guarded"), tenant)
                .json()
                .get("id")
                .asString();
        String writer = api.token(List.of(tenant.id()), List.of("webhooks:read", "webhooks:write"));

        Response response =
                api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 0), writer, tenant.id());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString())
                .isEqualTo("https://hookline.dev/problems/insufficient-scope");
    }

    private List<String> signingSecrets(TestTenant tenant, String webhookId) {
        TenantId id = new TenantId(tenant.id());
        return CallerContext.callAs(
                new CallerContext.Caller("usr_test", id),
                () -> app.bean(WebhookRegistry.class)
                        .signingSecrets(id, new WebhookId(webhookId))
                        .all());
    }
}
