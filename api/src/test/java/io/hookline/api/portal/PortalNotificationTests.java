package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Browser;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal's notification list and its unread badge, in headless Chromium against a node whose
 * worker runs, with the notices made for real by failing receivers.
 */
class PortalNotificationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String SESSION_KEY = "hookline.portal.session";

    private static @Nullable Browser shared;

    private final Receiver gone = new Receiver();
    private final Receiver broken = new Receiver();
    private RunningApp app;
    private ApiClient api;
    private Browser browser;

    @BeforeEach
    void openBrowser() {
        Browser.requireChromium();
        if (shared == null) {
            shared = Browser.start();
        }
        browser = shared;
        app = RunningApp.sharedWithDelivery();
        api = app.client();
    }

    @AfterAll
    static void stopBrowser() {
        if (shared != null) {
            shared.close();
        }
    }

    @AfterEach
    void stopReceivers() {
        gone.close();
        broken.close();
    }

    private void signInAs(TestTenant tenant) {
        browser.open(app.baseUrl() + "/portal/");
        browser.find(By.cssSelector("main h1"));
        browser.script(
                "sessionStorage.setItem(arguments[0], JSON.stringify({token: arguments[1], tenant: arguments[2]}));"
                        + " location.hash = '#/webhooks'; location.reload();",
                SESSION_KEY,
                tenant.token(),
                tenant.id());
        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
    }

    private List<WebElement> notices() {
        return browser.driver().findElements(By.cssSelector(".notification-list li"));
    }

    @Test
    void theTopBarCountsUnreadNoticesAndTheListMarksThemRead() {
        TestTenant tenant = api.newTenant();
        api.patch("/v1/tenant/settings", Map.of("notificationEmails", List.of("ops@acme.example")), tenant);
        gone.byDefault(request -> Reply.status(410));
        broken.byDefault(request -> Reply.status(500));
        String retired =
                api.webhook(tenant, gone.url("/crm"), Map.of("name", "Old CRM", "retry", Map.of("enabled", false)));
        api.publishSample(tenant, "order.placed");
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.pageAll(tenant, "/v1/notifications").size() == 1);
        String erp =
                api.webhook(tenant, broken.url("/erp"), Map.of("name", "ERP sync", "retry", Map.of("enabled", false)));
        api.publishSample(tenant, "order.placed");
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.pageAll(tenant, "/v1/notifications").size() == 2);

        signInAs(tenant);

        assertThat(browser.waitForText(By.id("unread-badge"), "2")).isEqualTo("2");
        assertThat(browser.find(By.id("notifications-link")).getAttribute("aria-label"))
                .isEqualTo("Notifications, 2 unread");
        browser.click(By.id("notifications-link"));
        browser.waitForText(By.cssSelector("main h1"), "Notifications");
        browser.waitUntil(d -> notices().size() == 2);
        List<WebElement> items = notices();
        assertThat(items)
                .extracting(item -> item.getAttribute("data-type"))
                .containsExactly("delivery.exhausted", "webhook.disabled");
        assertThat(items)
                .allSatisfy(item -> assertThat(item.getAttribute("class")).contains("is-unread"));
        assertThat(items.getFirst().getText())
                .contains("New")
                .contains("A delivery failed for good: ERP sync")
                .contains("failed after 1 attempt (last: HTTP 500)")
                .contains("not e-mailed");
        assertThat(items.get(1).getText()).contains("Webhook disabled: Old CRM").contains("410 Gone");
        assertThat(items.getFirst().findElement(By.linkText("ERP sync")).getAttribute("href"))
                .endsWith("#/webhooks/" + erp);
        assertThat(items.get(1).findElement(By.linkText("Delivery log")).getAttribute("href"))
                .endsWith("#/webhooks/" + retired + "/log");
        assertThat(browser.find(By.id("notification-recipients")).getText())
                .isEqualTo("Also e-mailed to ops@acme.example, at most once per webhook and kind an hour.");
        assertThat(browser.find(By.id("unread-summary")).getText()).isEqualTo("2 unread");
        browser.screenshot("portal-notifications");

        browser.click(By.id("mark-all-read"));

        browser.waitForText(By.id("unread-summary"), "All read");
        browser.waitUntil(d -> !d.findElement(By.id("unread-badge")).isDisplayed());
        browser.waitUntil(d -> notices().size() == 2
                && notices().stream()
                        .allMatch(item ->
                                String.valueOf(item.getAttribute("class")).contains("is-read")));
        assertThat(browser.find(By.id("mark-all-read")).isEnabled()).isFalse();
        assertThat(api.get("/v1/notifications", tenant)
                        .json()
                        .get("unreadCount")
                        .asLong())
                .isZero();

        // a new notice shows on the badge when the admin moves to another view
        try (Receiver third = new Receiver()) {
            third.byDefault(request -> Reply.status(410));
            api.webhook(tenant, third.url("/old"), Map.of("name", "Older", "retry", Map.of("enabled", false)));
            api.publishSample(tenant, "order.placed");
            Awaitility.await()
                    .atMost(DEADLINE)
                    .until(() -> api.get("/v1/notifications", tenant)
                                    .json()
                                    .get("unreadCount")
                                    .asLong()
                            == 1);
        }
        browser.script("location.hash = '#/webhooks'");
        assertThat(browser.waitForText(By.id("unread-badge"), "1")).isEqualTo("1");
    }

    @Test
    void aTenantWithNothingToReportSeesAnEmptyListAndNoBadge() {
        TestTenant tenant = api.newTenant();

        signInAs(tenant);
        browser.find(By.cssSelector(".list-body table, .list-body .empty"));
        assertThat(browser.find(By.id("notifications-link")).getText()).isEqualTo("Notifications");
        assertThat(browser.driver().findElement(By.id("unread-badge")).isDisplayed())
                .isFalse();
        browser.click(By.id("notifications-link"));

        assertThat(browser.waitForText(By.cssSelector("main .empty"), "Nothing to report"))
                .isEqualTo("Nothing to report: no webhook was disabled, lost a delivery or recovered.");
        assertThat(browser.find(By.id("notification-recipients")).getText())
                .isEqualTo("These are not e-mailed: the tenant has no notification e-mail addresses.");
        assertThat(browser.find(By.id("mark-all-read")).isEnabled()).isFalse();
    }
}
