package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Browser;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * What the portal's browser test classes share: the build's one Chromium and delivery node, a
 * real receiver per test, a fresh tenant signed in through the session the portal keeps.
 */
abstract class PortalBrowserTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String SESSION_KEY = "hookline.portal.session";

    final Receiver receiver = new Receiver();
    RunningApp app;
    ApiClient api;
    Browser browser;

    @BeforeEach
    void openSignedOut() {
        browser = Browser.shared();
        browser.desktop();
        app = RunningApp.sharedWithDelivery();
        api = app.client();
        browser.open(portal());
        browser.script("sessionStorage.clear(); localStorage.clear()");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    String portal() {
        return app.baseUrl() + "/portal/";
    }

    /** Signs in as the tenant and opens the page at {@code hash} (#/webhooks when null). */
    void signInAs(TestTenant tenant, String hash) {
        browser.open(portal());
        browser.find(By.cssSelector("main h1"));
        browser.script(
                "sessionStorage.setItem(arguments[0], JSON.stringify({token: arguments[1], tenant: arguments[2]}));"
                        + " location.hash = arguments[3]; location.reload();",
                SESSION_KEY,
                tenant.token(),
                tenant.id(),
                hash);
        browser.waitUntil(d -> !d.findElements(By.id("mainnav")).isEmpty()
                && d.findElement(By.id("mainnav")).isDisplayed());
    }

    void signInAs(TestTenant tenant) {
        signInAs(tenant, "#/webhooks");
        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        browser.find(By.cssSelector(".list-body table, .list-body .empty"));
    }

    /** Goes to a route of the signed-in portal and waits for its heading. */
    void go(String hash, String heading) {
        browser.script("location.hash = arguments[0]", hash);
        browser.waitForText(By.cssSelector("main h1"), heading);
        browser.waitUntil(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    Map<String, Object> webhook(String name, String path, String... events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", receiver.url(path));
        body.put("events", events.length == 0 ? List.of("order.placed") : List.of(events));
        return body;
    }

    JsonNode create(TestTenant tenant, Map<String, Object> webhook) {
        Response created = api.post("/v1/webhooks", webhook, tenant);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    String publish(TestTenant tenant, String type) {
        JsonNode data =
                api.get("/v1/event-types/" + type + "/sample", tenant).json().get("data");
        Response published = api.post("/v1/events", Map.of("type", type, "data", data), tenant);
        assertThat(published.status()).as(published.raw()).isEqualTo(202);
        return published.json().get("id").asString();
    }

    /** Waits until the webhook's deliveries number {@code count} and none is pending or in flight. */
    void awaitSettled(TestTenant tenant, String webhookId, int count) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode data = api.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100", tenant)
                    .json()
                    .get("data");
            if (data.size() < count) {
                return false;
            }
            for (JsonNode delivery : data) {
                String status = delivery.get("status").asString();
                if (status.equals("pending") || status.equals("delivering")) {
                    return false;
                }
            }
            return true;
        });
    }

    WebElement row(String webhookId) {
        return browser.find(By.cssSelector("tr[data-webhook-id='" + webhookId + "']"));
    }

    void closeDialog(String value) {
        WebElement dialog = browser.find(By.cssSelector("dialog[open]"));
        dialog.findElement(By.cssSelector("button[data-value='" + value + "']")).click();
        browser.waitUntil(ExpectedConditions.stalenessOf(dialog)::apply);
    }

    boolean focusIsIn(String selector) {
        return Boolean.TRUE.equals(browser.script(
                "return document.activeElement !== null && document.activeElement.closest(arguments[0]) !== null",
                selector));
    }

    /** The text of every element matching, read again if the view re-rendered meanwhile. */
    List<String> texts(String selector) {
        return browser.waitUntil(d -> {
            try {
                return d.findElements(By.cssSelector(selector)).stream()
                        .map(WebElement::getText)
                        .toList();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }
}
