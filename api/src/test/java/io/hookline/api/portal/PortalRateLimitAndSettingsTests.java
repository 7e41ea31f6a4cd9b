package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The webhook's rate limit in the form and on its page, and the tenant's notification e-mail
 * addresses on the notifications view, in headless Chromium, with axe checks.
 */
class PortalRateLimitAndSettingsTests extends PortalBrowserTest {

    @Test
    void theRateLimitIsSetInTheFormShownOnTheWebhookPageAndClearedByEmptyingIt() {
        TestTenant tenant = api.newTenant();
        String id = api.webhook(tenant, receiver.url("/erp"), Map.of("name", "ERP", "rateLimit", 10));
        signInAs(tenant);

        browser.script("location.hash = arguments[0]", "#/webhooks/" + id);
        assertThat(browser.waitForText(By.cssSelector(".rate-limit"), "At most 10 deliveries per second"))
                .isEqualTo("At most 10 deliveries per second");

        browser.script("location.hash = arguments[0]", "#/webhooks/" + id + "/settings");
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        WebElement rate = form.findElement(By.name("rateLimit"));
        assertThat(rate.getDomProperty("value")).isEqualTo("10");
        String hintId = String.valueOf(rate.getDomAttribute("aria-describedby"));
        assertThat(browser.find(By.id(hintId)).getText()).contains("1–10 000").contains("Leave empty for no limit");
        assertThat(browser.accessibilityViolations()).isEmpty();

        // the server judges 0 and says so beside the field
        browser.script("document.querySelector('form.webhook-form').noValidate = true");
        browser.type(rate, "0");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement error = browser.find(By.cssSelector(".field-error[data-field='rateLimit']"));
        assertThat(error.getText()).startsWith("Rate limit (deliveries per second): ");
        assertThat(rate.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(rate.getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("rateLimit").asInt())
                .isEqualTo(10);

        browser.type(rate, "25");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("rateLimit").asInt())
                .isEqualTo(25);

        browser.script("location.hash = arguments[0]", "#/webhooks/" + id + "/settings");
        browser.waitUntil(d -> "25"
                .equals(d.findElement(By.cssSelector("form.webhook-form input[name='rateLimit']"))
                        .getDomProperty("value")));
        WebElement again = browser.find(By.cssSelector("form.webhook-form input[name='rateLimit']"));
        again.clear();
        browser.find(By.cssSelector("form.webhook-form button[type='submit']")).click();
        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        JsonNode stored = api.get("/v1/webhooks/" + id, tenant).json();
        assertThat(stored.get("rateLimit").isNull()).isTrue();
        browser.script("location.hash = arguments[0]", "#/webhooks/" + id);
        assertThat(browser.waitForText(By.cssSelector(".rate-limit"), "None"))
                .isEqualTo("None: deliveries go as fast as they come");
    }

    @Test
    void theNotificationAddressesAreChangedOnTheNotificationsViewWithErrorsBesideTheField() {
        TestTenant tenant = api.newTenant();
        api.patch("/v1/tenant/settings", Map.of("notificationEmails", List.of("ops@acme.example")), tenant);
        signInAs(tenant);
        browser.click(By.id("notifications-link"));
        browser.waitForText(By.cssSelector("main h1"), "Notifications");

        WebElement field = browser.find(By.id("notification-emails"));
        assertThat(field.getDomProperty("value")).isEqualTo("ops@acme.example");
        assertThat(browser.find(By.cssSelector("label[for='notification-emails']"))
                        .getText())
                .isEqualTo("Notification e-mail addresses");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.type(field, "ops@acme.example\nnot an address");
        browser.click(By.id("save-notification-emails"));
        WebElement error = browser.find(By.cssSelector(".field-error[data-field='notificationEmails[1]']"));
        assertThat(error.getText()).startsWith("Address 2 (not an address): must be an e-mail address");
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));
        assertThat(browser.accessibilityViolations()).isEmpty();
        assertThat(api.get("/v1/tenant/settings", tenant)
                        .json()
                        .get("notificationEmails")
                        .toString())
                .isEqualTo("[\"ops@acme.example\"]");

        browser.type(field, "ops@acme.example\nfinance@acme.example");
        browser.click(By.id("save-notification-emails"));
        browser.waitForText(By.id("notification-recipients"), "finance@acme.example");
        assertThat(browser.driver().findElements(By.cssSelector(".field-error")))
                .isEmpty();
        assertThat(field.getDomAttribute("aria-invalid")).isNull();
        assertThat(api.get("/v1/tenant/settings", tenant)
                        .json()
                        .get("notificationEmails")
                        .toString())
                .isEqualTo("[\"ops@acme.example\",\"finance@acme.example\"]");
        assertThat(browser.find(By.id("notification-recipients")).getText())
                .isEqualTo("Also e-mailed to ops@acme.example, finance@acme.example, at most once per webhook and kind"
                        + " an hour.");
    }
}
