package io.hookline.api.support;

import io.hookline.api.security.DevKeys;
import io.hookline.api.security.Scopes;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a {@link RunningApp} over real HTTP, as an integrator would. */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningApp app;

    ApiClient(RunningApp app) {
        this.app = app;
    }

    /** The answer to a request: status, headers and the body parsed as JSON (null when empty). */
    public record Response(int status, java.net.http.HttpHeaders headers, String raw) {
        public JsonNode json() {
            return raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The detail of a {@code 404 not-found} problem (asserting that is what this is). */
        public String notFound() {
            if (status != 404
                    || !contentType().startsWith("application/problem+json")
                    || !json().get("type").asString().endsWith("/not-found")
                    || json().get("status").asInt() != 404) {
                throw new AssertionError("expected a 404 not-found problem, got " + status + ": " + raw);
            }
            return json().get("detail").asString();
        }

        /** The fields a {@code 422 validation-failed} problem names, in its order. */
        public List<String> invalidFields() {
            if (status != 422 || !json().get("type").asString().endsWith("/validation-failed")) {
                throw new AssertionError("expected a 422 validation-failed problem, got " + status + ": " + raw);
            }
            return fieldErrors();
        }

        /** The fields a 400 or 422 problem names, in its order. */
        public List<String> fieldErrors() {
            if (status != 400 && status != 422) {
                throw new AssertionError("expected a 400 or 422 problem, got " + status + ": " + raw);
            }
            return json().get("errors")
                    .valueStream()
                    .map(e -> e.get("field").asString())
                    .toList();
        }
    }

    /** A fresh tenant of its own for one test, and a token for it with every tenant scope. */
    public record TestTenant(String id, String code, String token) {}

    public TestTenant newTenant() {
        return newTenant(new Tenant.RateLimit(1000, 10, 10), 3);
    }

    public TestTenant newTenant(Tenant.RateLimit rateLimit, int webhookLimit) {
        String code = "T"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                        .toUpperCase();
        code = code.substring(0, Math.min(code.length(), 20));
        Tenant tenant =
                app.bean(TenantRegistry.class).create(new TenantChanges("Test " + code, code, rateLimit, webhookLimit));
        return new TestTenant(
                tenant.id().value(), code, token(List.of(tenant.id().value()), Scopes.TENANT_SCOPES));
    }

    /** A valid dev token (right issuer, audience and key) with these tenants and scopes. */
    public String token(List<String> tenants, List<String> scopes) {
        Instant now = Instant.now();
        return token(JwtClaimsSet.builder()
                .issuer(DevKeys.ISSUER)
                .audience(List.of(DevKeys.AUDIENCE))
                .subject("usr_test")
                .issuedAt(now)
                .notBefore(now.minusSeconds(1))
                .expiresAt(now.plusSeconds(600))
                .id(UUID.randomUUID().toString())
                .claim("tenants", tenants)
                .claim("scope", String.join(" ", scopes))
                .build());
    }

    /** A token with exactly these claims, signed by the node's dev key. */
    public String token(JwtClaimsSet claims) {
        DevKeys keys = app.bean(DevKeys.class);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signingKey().getKeyID())
                .build();
        return app.bean(JwtEncoder.class)
                .encode(JwtEncoderParameters.from(header, claims))
                .getTokenValue();
    }

    public Response get(String path, @Nullable String token, @Nullable String tenant) {
        return send("GET", path, null, token, tenant, Map.of());
    }

    public Response post(String path, @Nullable Object body, @Nullable String token, @Nullable String tenant) {
        return send("POST", path, body, token, tenant, Map.of());
    }

    public Response patch(String path, @Nullable Object body, @Nullable String token, @Nullable String tenant) {
        return send("PATCH", path, body, token, tenant, Map.of());
    }

    public Response delete(String path, @Nullable String token, @Nullable String tenant) {
        return send("DELETE", path, null, token, tenant, Map.of());
    }

    public Response get(String path, TestTenant tenant) {
        return get(path, tenant.token(), tenant.id());
    }

    public Response post(String path, @Nullable Object body, TestTenant tenant) {
        return post(path, body, tenant.token(), tenant.id());
    }

    public Response patch(String path, @Nullable Object body, TestTenant tenant) {
        return patch(path, body, tenant.token(), tenant.id());
    }

    public Response delete(String path, TestTenant tenant) {
        return delete(path, tenant.token(), tenant.id());
    }

    /**
     * The body of a webhook named {@code name} to {@code url} for {@code events} ({@code
     * order.placed} when none is given), to change or add to before creating it.
     */
    public static Map<String, Object> webhookBody(String name, String url, String... events) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("events", events.length == 0 ? List.of("order.placed") : List.of(events));
        return body;
    }

    /** Creates a webhook (which must answer 201); answers it as created, with its secret. */
    public JsonNode createWebhook(TestTenant tenant, Map<String, Object> body) {
        Response created = post("/v1/webhooks", body, tenant);
        if (created.status() != 201) {
            throw new AssertionError("POST /v1/webhooks answered " + created.status() + ": " + created.raw());
        }
        return created.json();
    }

    /**
     * Creates a webhook to {@code url} for {@code order.placed} (which must answer 201), with
     * {@code extra} fields added or overriding; returns its id.
     */
    public String webhook(TestTenant tenant, String url, Map<String, Object> extra) {
        Map<String, Object> body = webhookBody("receiver " + url, url);
        body.putAll(extra);
        return createWebhook(tenant, body).get("id").asString();
    }

    /** The {@code data} of the catalog sample of {@code type}. */
    public JsonNode sample(TestTenant tenant, String type) {
        return get("/v1/event-types/" + type + "/sample", tenant).json().get("data");
    }

    /** Publishes the catalog sample of {@code type} (which must answer 202); returns the event id. */
    public String publishSample(TestTenant tenant, String type) {
        JsonNode data = sample(tenant, type);
        Response published = post("/v1/events", Map.of("type", type, "data", data), tenant);
        if (published.status() != 202) {
            throw new AssertionError("publishing " + type + " answered " + published.status() + ": " + published.raw());
        }
        return published.json().get("id").asString();
    }

    /** The webhook's deliveries, newest first (up to 100). */
    public JsonNode deliveries(TestTenant tenant, String webhookId) {
        return get("/v1/webhooks/" + webhookId + "/deliveries?limit=100", tenant)
                .json()
                .get("data");
    }

    /** Waits until the webhook's only delivery is final ({@code succeeded} or {@code failed}), then answers it with its attempts. */
    public JsonNode finalDelivery(TestTenant tenant, String webhookId, java.time.Duration within) {
        org.awaitility.Awaitility.await()
                .atMost(within)
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> {
                    JsonNode data = deliveries(tenant, webhookId);
                    return data.size() == 1
                            && List.of("succeeded", "failed")
                                    .contains(data.get(0).get("status").asString());
                });
        String id = deliveries(tenant, webhookId).get(0).get("id").asString();
        return get("/v1/deliveries/" + id, tenant).json();
    }

    /**
     * Waits until the webhook's newest delivery has {@code status}, then answers it with its
     * attempts.
     */
    public JsonNode latestDelivery(TestTenant tenant, String webhookId, String status, Duration within) {
        org.awaitility.Awaitility.await()
                .atMost(within)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode data = deliveries(tenant, webhookId);
                    return !data.isEmpty()
                            && data.get(0).get("status").asString().equals(status);
                });
        String id = deliveries(tenant, webhookId).get(0).get("id").asString();
        return get("/v1/deliveries/" + id, tenant).json();
    }

    /** Creates a resource with {@code POST path} (which must answer 201) and returns its id. */
    public String create(TestTenant tenant, String path, Object body) {
        Response created = post(path, body, tenant);
        if (created.status() != 201) {
            throw new AssertionError("POST " + path + " answered " + created.status() + ": " + created.raw());
        }
        return created.json().get("id").asString();
    }

    /**
     * Every item of a list, following {@code nextCursor} to the end; each page must answer 200
     * and carry a {@code Link} header exactly when another page follows.
     */
    public List<JsonNode> pageAll(TestTenant tenant, String path) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            Response page = get(path + (cursor == null ? "" : separator + "cursor=" + cursor), tenant);
            if (page.status() != 200) {
                throw new AssertionError("GET " + path + " answered " + page.status() + ": " + page.raw());
            }
            page.json().get("data").forEach(items::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            if ((page.header("Link") != null) != (cursor != null)) {
                throw new AssertionError("Link header and nextCursor disagree on " + path);
            }
        } while (cursor != null);
        return items;
    }

    /** The tenant's events of a type (all types when null) as {@code GET /v1/events} lists them, oldest first. */
    public List<JsonNode> events(TestTenant tenant, @Nullable String type) {
        return pageAll(tenant, "/v1/events?limit=100" + (type == null ? "" : "&type=" + type));
    }

    /** The delivered envelopes of the tenant's events of a type (all types when null), oldest first. */
    public List<JsonNode> envelopes(TestTenant tenant, @Nullable String type) {
        return events(tenant, type).stream().map(e -> e.get("envelope")).toList();
    }

    /**
     * Sends a request. {@code body} may be a String (sent as is) or any object (sent as JSON);
     * {@code headers} are added last and may override the defaults.
     */
    public Response send(
            String method,
            String path,
            @Nullable Object body,
            @Nullable String token,
            @Nullable String tenant,
            Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(
                        body instanceof String text ? text : JSON.writeValueAsString(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(path.startsWith("http") ? path : app.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Tenant-ID", tenant);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
