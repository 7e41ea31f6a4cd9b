package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Broken object-level authorization, swept: every {@code /v1} route with an id, read from the
 * node's own handler mapping (so a route added tomorrow is swept too), called with tenant B's
 * token — every tenant scope — and tenant A's ids. Every call must answer 404, exactly as a
 * missing id, and leave A's resources and A's events as they were.
 */
class BolaSweepTests {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    /** Routes under {@code /v1} with ids that are not tenant data, and why they are not swept. */
    private static final Map<String, String> NOT_TENANT_DATA = Map.of(
            "/v1/event-types/",
            "the catalog is the platform's, the same for every tenant",
            "/v1/tenants/",
            "platform-level: only platform:admin reaches it, across tenants by design; a tenant token gets 403 (asserted)");

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    /** One resource of every kind in a tenant, by the path variable that names it. */
    private record Ids(Map<String, String> byKind) {
        String of(String kind) {
            String id = byKind.get(kind);
            if (id == null) {
                throw new AssertionError("no id of kind " + kind);
            }
            return id;
        }
    }

    private Ids populate(TestTenant tenant) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "webhook",
                api.create(
                        tenant,
                        "/v1/webhooks",
                        Map.of(
                                "name",
                                "sweep",
                                "url",
                                "https://erp.example.com/hooks",
                                // a type nothing below emits: the delivery comes from the test
                                // endpoint, final at once, so no delivery worker running in this
                                // JVM changes it (or the webhook's streak) during the sweep
                                "events",
                                List.of("inventory.low"))));
        ids.put("customer", api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind")));
        ids.put(
                "address",
                api.create(
                        tenant,
                        "/v1/customers/" + ids.get("customer") + "/addresses",
                        Map.of(
                                "code",
                                "HQ",
                                "line1",
                                "1 Main St",
                                "city",
                                "Utrecht",
                                "postalCode",
                                "3511AA",
                                "country",
                                "NL")));
        ids.put(
                "contactPerson",
                api.create(
                        tenant,
                        "/v1/customers/" + ids.get("customer") + "/contact-persons",
                        Map.of("code", "JD", "name", "Jane Doe")));
        ids.put("site", api.create(tenant, "/v1/sites", Map.of("code", "WEBSHOP", "name", "Shop")));
        ids.put(
                "siteUser",
                api.create(
                        tenant,
                        "/v1/sites/" + ids.get("site") + "/users",
                        Map.of("email", "jane@example.com", "name", "Jane")));
        ids.put(
                "item",
                api.create(
                        tenant,
                        "/v1/items",
                        Map.of(
                                "code",
                                "BC-500",
                                "name",
                                "Cards",
                                "price",
                                Map.of("amount", "24.95", "currency", "EUR"))));
        ids.put(
                "priceList",
                api.create(tenant, "/v1/price-lists", Map.of("code", "RETAIL", "name", "Retail", "currency", "EUR")));
        Response order = api.post(
                "/v1/orders",
                Map.of(
                        "customerId",
                        ids.get("customer"),
                        "items",
                        List.of(Map.of("itemId", ids.get("item"), "quantity", 2))),
                tenant);
        assertThat(order.status()).as(order.raw()).isEqualTo(201);
        ids.put("order", order.json().get("id").asString());
        ids.put("orderItem", order.json().get("items").get(0).get("id").asString());
        Response paid = api.post(
                "/v1/orders/" + ids.get("order") + "/payments",
                Map.of("amount", Map.of("amount", "10.00", "currency", "EUR")),
                tenant);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        ids.put("payment", paid.json().get("id").asString());
        ids.put("event", api.events(tenant, "order.placed").getFirst().get("id").asString());
        assertThat(api.post("/v1/webhooks/" + ids.get("webhook") + "/test", Map.of(), tenant)
                        .status())
                .isEqualTo(200);
        JsonNode deliveries = api.get("/v1/webhooks/" + ids.get("webhook") + "/deliveries", tenant)
                .json()
                .get("data");
        assertThat(deliveries.size()).as("the test delivery, and nothing else").isEqualTo(1);
        assertThat(deliveries.get(0).get("status").asString()).isEqualTo("failed");
        ids.put("delivery", deliveries.get(0).get("id").asString());
        return new Ids(ids);
    }

    /** Which of A's ids a path variable names: by its name, else by the collection it follows. */
    private static String kindOf(String pattern, String variable) {
        return switch (variable) {
            case "siteId" -> "site";
            case "userId" -> "siteUser";
            case "addressId" -> "address";
            case "contactPersonId" -> "contactPerson";
            case "orderItemId" -> "orderItem";
            case "paymentId" -> "payment";
            default -> {
                String before = pattern.substring(0, pattern.indexOf("{" + variable + "}") - 1);
                String collection = before.substring(before.lastIndexOf('/') + 1);
                yield switch (collection) {
                    case "webhooks" -> "webhook";
                    case "deliveries" -> "delivery";
                    case "events" -> "event";
                    case "customers" -> "customer";
                    case "sites" -> "site";
                    case "items" -> "item";
                    case "price-lists" -> "priceList";
                    case "orders" -> "order";
                    default ->
                        throw new AssertionError("the sweep does not know which id {" + variable + "} of " + pattern
                                + " names: teach kindOf, and populate, about it");
                };
            }
        };
    }

    /** A body the route would accept for A's own resource, so only the tenant can make it fail. */
    private static Object bodyFor(RequestMethod method, String pattern) {
        if (method == RequestMethod.PATCH) {
            return pattern.endsWith("/addresses/{addressId}")
                    ? Map.of("city", "Stolen")
                    : pattern.startsWith("/v1/orders/") ? Map.of("reference", "stolen") : Map.of("name", "stolen");
        }
        if (method != RequestMethod.POST) {
            return "";
        }
        if (pattern.endsWith("/addresses")) {
            return Map.of(
                    "code", "X", "line1", "1 Evil St", "city", "Nowhere", "postalCode", "1000AA", "country", "NL");
        }
        if (pattern.endsWith("/contact-persons")) {
            return Map.of("code", "X", "name", "Mallory");
        }
        if (pattern.endsWith("/users")) {
            return Map.of("email", "mallory@example.com", "name", "Mallory");
        }
        if (pattern.endsWith("/secret/rotate")) {
            return Map.of("graceSeconds", 0);
        }
        if (pattern.endsWith("/recover")) {
            return Map.of("since", OffsetDateTime.now().minusDays(1).toString());
        }
        if (pattern.endsWith("/status")) {
            return Map.of("status", "completed");
        }
        if (pattern.endsWith("/payments")) {
            return Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"));
        }
        return "{}";
    }

    /** Everything A can read about its resources, by path. */
    private Map<String, String> snapshot(TestTenant tenant, Ids ids) {
        Map<String, String> state = new TreeMap<>();
        List<String> paths = List.of(
                "/v1/webhooks/" + ids.of("webhook"),
                "/v1/webhooks/" + ids.of("webhook") + "/deliveries",
                "/v1/deliveries/" + ids.of("delivery"),
                "/v1/deliveries?limit=100",
                "/v1/events/" + ids.of("event"),
                "/v1/events?limit=100",
                "/v1/customers/" + ids.of("customer"),
                "/v1/customers/" + ids.of("customer") + "/addresses/" + ids.of("address"),
                "/v1/customers/" + ids.of("customer") + "/contact-persons/" + ids.of("contactPerson"),
                "/v1/sites/" + ids.of("site"),
                "/v1/sites/" + ids.of("site") + "/users/" + ids.of("siteUser"),
                "/v1/items/" + ids.of("item"),
                "/v1/price-lists/" + ids.of("priceList"),
                "/v1/orders/" + ids.of("order"),
                "/v1/orders/" + ids.of("order") + "/payments");
        for (String path : paths) {
            Response response = api.get(path, tenant);
            assertThat(response.status()).as(path + " " + response.raw()).isEqualTo(200);
            state.put(path, response.raw());
        }
        return state;
    }

    @Test
    void noRouteWithAnIdLetsAnotherTenantReachReadOrChangeAResource() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        Ids ids = populate(a);
        Map<String, String> before = snapshot(a, ids);

        RequestMappingHandlerMapping mapping =
                app.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<String> swept = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/v1/") || !pattern.contains("{")) {
                    continue; // no id: acts on the caller's own tenant, named by X-Tenant-ID
                }
                if (NOT_TENANT_DATA.keySet().stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    Matcher variables = VARIABLE.matcher(pattern);
                    StringBuilder path = new StringBuilder();
                    while (variables.find()) {
                        variables.appendReplacement(path, ids.of(kindOf(pattern, variables.group(1))));
                    }
                    variables.appendTail(path);
                    Object body = bodyFor(method, pattern);
                    Response response = api.send(
                            method.name(), path.toString(), body.equals("") ? null : body, b.token(), b.id(), Map.of());
                    swept.add(method + " " + pattern);
                    boolean notFound = response.status() == 404
                            && response.contentType().startsWith("application/problem+json")
                            && response.json().get("type").asString().equals("https://hookline.dev/problems/not-found");
                    if (!notFound) {
                        leaks.add(method + " " + path + " answered " + response.status() + ": " + response.raw());
                    }
                }
            }
        }

        assertThat(leaks).isEmpty();
        // every id-bearing tenant route of today; a new one raises the count and is swept with it
        assertThat(swept).hasSizeGreaterThanOrEqualTo(40);
        assertThat(swept)
                .contains(
                        "GET /v1/webhooks/{id}",
                        "POST /v1/webhooks/{id}/secret/rotate",
                        "POST /v1/deliveries/{id}/resend",
                        "GET /v1/events/{id}",
                        "DELETE /v1/customers/{id}",
                        "PATCH /v1/sites/{siteId}/users/{userId}",
                        "POST /v1/orders/{id}/items/{orderItemId}/status",
                        "POST /v1/orders/{id}/payments");
        assertThat(snapshot(a, ids)).isEqualTo(before);

        // the platform-level route refuses a tenant token outright, whatever the id
        Response tenantRoute = api.get("/v1/tenants/" + a.id(), b);
        assertThat(tenantRoute.status()).isEqualTo(403);
        assertThat(tenantRoute.json().get("type").asString())
                .isEqualTo("https://hookline.dev/problems/insufficient-scope");
    }
}
