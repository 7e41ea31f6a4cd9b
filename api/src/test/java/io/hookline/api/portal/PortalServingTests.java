package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.RunningApp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How the node serves the portal, over plain HTTP (the browser tests cover what it does). */
class PortalServingTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void portalWithoutTheSlashRedirectsToIt() {
        Response response = api.get("/portal", null, null);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/portal/");
    }

    @Test
    void thePageIsPublicAndServedWithAStrictContentSecurityPolicy() {
        Response response = api.get("/portal/", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.raw()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(response.header("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                        + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void scriptsAreServedAsJavaScriptModulesWithTheSamePolicy() {
        for (String file : new String[] {
            "app.js",
            "api.js",
            "auth.js",
            "ui.js",
            "webhooks.js",
            "webhook-page.js",
            "log.js",
            "catalog.js",
            "eventcatalog.js",
            "stats.js",
            "charts.js",
            "notifications.js"
        }) {
            Response response = api.get("/portal/" + file, null, null);

            assertThat(response.status()).as(file).isEqualTo(200);
            assertThat(response.contentType()).as(file).startsWith("text/javascript");
            assertThat(response.header("Content-Security-Policy")).as(file).startsWith("default-src 'none'");
        }
        assertThat(api.get("/portal/portal.css", null, null).contentType()).startsWith("text/css");
    }

    @Test
    void configTellsThePortalThatDevModeSignsIn() {
        Response response = api.get("/portal/config.json", null, null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode config = response.json();
        assertThat(config.get("devMode").asBoolean()).isTrue();
        assertThat(config.get("issuer").isNull()).isTrue();
        assertThat(config.get("clientId").isNull()).isTrue();
        assertThat(config.get("scopes").asString())
                .isEqualTo("openid webhooks:read webhooks:write webhooks:secrets commerce:read");
        assertThat(config.get("disableAfterFailures").asInt()).isEqualTo(100);
    }

    @Test
    void anUnknownPortalFileIsANotFoundProblem() {
        Response response = api.get("/portal/nothing-here.js", null, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void thePortalIsNotPartOfTheApiContract() {
        JsonNode paths = api.get("/v3/api-docs", null, null).json().get("paths");

        assertThat(paths.propertyNames()).noneMatch(path -> path.startsWith("/portal"));
    }
}
