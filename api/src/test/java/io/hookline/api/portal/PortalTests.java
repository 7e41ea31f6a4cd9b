package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.security.Scopes;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Browser;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.api.support.StandardWebhooksVerifier;
import io.hookline.domain.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The tenant admin portal in headless Chromium against a real node whose delivery worker runs,
 * with webhooks pointed at a real local receiver. Each test signs in as a fresh tenant of its
 * own (its token put where the portal keeps it), except the demo sign-in test.
 */
class PortalTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String SESSION_KEY = "hookline.portal.session";

    private final Receiver receiver = new Receiver();
    private RunningApp app;
    private ApiClient api;
    private Browser browser;

    /**
     * One browser serves every browser test of the build, started by the first; without Chromium
     * each test is skipped (failed in CI) before any node starts. Each test starts signed out, on
     * a desktop-sized window in the light scheme.
     */
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

    // ---------------------------------------------------------------------------------------------
    // helpers

    private String portal() {
        return app.baseUrl() + "/portal/";
    }

    /** Puts the tenant's token where the portal keeps its session, and opens the webhooks page. */
    private void signInAs(String token, @Nullable String tenant) {
        browser.open(portal());
        browser.find(By.cssSelector("main h1"));
        browser.script(
                "sessionStorage.setItem(arguments[0], JSON.stringify({token: arguments[1], tenant: arguments[2] || null}));"
                        + " location.hash = '#/webhooks'; location.reload();",
                SESSION_KEY,
                token,
                tenant == null ? "" : tenant);
    }

    private void signInAs(TestTenant tenant) {
        signInAs(tenant.token(), tenant.id());
        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        browser.find(By.cssSelector(".list-body table, .list-body .empty"));
    }

    private Map<String, Object> webhook(String name, String path, String... events) {
        return ApiClient.webhookBody(name, receiver.url(path), events);
    }

    private JsonNode create(TestTenant tenant, Map<String, Object> webhook) {
        return api.createWebhook(tenant, webhook);
    }

    private WebElement row(String webhookId) {
        return browser.find(By.cssSelector("tr[data-webhook-id='" + webhookId + "']"));
    }

    private String publishOrder(TestTenant tenant) {
        return api.publishSample(tenant, "order.placed");
    }

    private void awaitDeliveryStatus(TestTenant tenant, String webhookId, String status) {
        api.latestDelivery(tenant, webhookId, status, DEADLINE);
    }

    private String secretInDialog() {
        WebElement input = browser.find(By.cssSelector("dialog[open] .secret-value"));
        String secret = input.getDomProperty("value");
        assertThat(secret).startsWith("whsec_");
        return secret == null ? "" : secret;
    }

    private void closeDialog(String value) {
        WebElement dialog = browser.find(By.cssSelector("dialog[open]"));
        dialog.findElement(By.cssSelector("button[data-value='" + value + "']")).click();
        browser.waitUntil(ExpectedConditions.stalenessOf(dialog)::apply);
    }

    private static boolean signedWith(String secret, Receiver.Request request) {
        return StandardWebhooksVerifier.verify(
                secret,
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.body(),
                request.header("webhook-signature"));
    }

    private boolean focusIsIn(String selector) {
        return Boolean.TRUE.equals(browser.script(
                "return document.activeElement !== null && document.activeElement.closest(arguments[0]) !== null",
                selector));
    }

    private String activeElementId() {
        Object id = browser.script("return document.activeElement && document.activeElement.id");
        return id == null ? "" : id.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // sign-in

    @Test
    void devModeSignsInAsTheDemoTenantWithOneClick() {
        String demoTenant = api.post("/dev/tokens", Map.of(), null, null)
                .json()
                .get("tenantId")
                .asString();

        browser.open(app.baseUrl() + "/portal");
        browser.waitUntil(d -> d.getCurrentUrl() != null && d.getCurrentUrl().endsWith("/portal/"));
        WebElement button = browser.find(By.id("dev-sign-in"));
        assertThat(browser.find(By.cssSelector("main h1")).getText()).isEqualTo("Sign in to manage webhooks");
        browser.screenshot("portal-sign-in");
        button.click();

        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        assertThat(browser.waitForText(By.id("tenant-label"), demoTenant)).isEqualTo("Tenant " + demoTenant);
        assertThat(browser.find(By.cssSelector(".list-body table, .list-body .empty")))
                .isNotNull();
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", SESSION_KEY))
                .asString()
                .contains(demoTenant);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);

        browser.click(By.id("sign-out"));
        browser.find(By.id("dev-sign-in"));
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", SESSION_KEY))
                .isNull();
    }

    @Test
    void aTokenForSeveralTenantsAsksWhichTenantToManage() {
        TestTenant first = api.newTenant();
        TestTenant second = api.newTenant();
        create(second, webhook("Second tenant's hook", "/second"));
        String token = api.token(List.of(first.id(), second.id()), Scopes.TENANT_SCOPES);

        signInAs(token, null);

        browser.waitForText(By.cssSelector("main h1"), "Choose a tenant");
        assertThat(browser.driver().findElements(By.cssSelector(".tenant-choice")))
                .extracting(WebElement::getText)
                .containsExactly(first.id(), second.id());
        browser.click(By.cssSelector(".tenant-choice[data-tenant='" + second.id() + "']"));
        browser.waitForText(By.cssSelector(".list-body"), "Second tenant's hook");
        assertThat(browser.find(By.id("tenant-label")).getText()).isEqualTo("Tenant " + second.id());

        browser.click(By.id("switch-tenant"));
        browser.waitForText(By.cssSelector("main h1"), "Choose a tenant");
    }

    @Test
    void aRefusedTokenSendsTheAdminBackToSignInWithTheProblem() {
        TestTenant tenant = api.newTenant();

        signInAs(tenant.token() + "x", tenant.id());

        browser.find(By.id("dev-sign-in"));
        String problem = browser.waitForText(By.id("problem"), "Authentication required");
        assertThat(problem).contains("the bearer token was refused").contains("sign in again");
        assertThat(activeElementId()).isEqualTo("problem");
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", SESSION_KEY))
                .isNull();
    }

    // ---------------------------------------------------------------------------------------------
    // create, secret once, test

    @Test
    void aNewWebhookShowsItsSecretOnceAndTheTestButtonShowsTheAttempt() {
        TestTenant tenant = api.newTenant();
        signInAs(tenant);

        browser.click(By.id("new-webhook"));
        browser.waitForText(By.cssSelector("main h1"), "New webhook");
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        browser.type(form.findElement(By.name("name")), "ERP sync");
        browser.type(form.findElement(By.name("url")), receiver.url("/hooks"));
        form.findElement(By.cssSelector("input[name='events'][value='order.placed']"))
                .click();
        form.findElement(By.cssSelector("input[name='events'][value='customer.updated']"))
                .click();
        assertThat(form.findElement(By.cssSelector(".event-choice[data-event='order.placed'] .hint"))
                        .getText())
                .isNotBlank();
        browser.click(By.cssSelector("button.add-filter"));
        WebElement filter = browser.find(form, By.cssSelector(".filter-row"));
        new Select(filter.findElement(By.cssSelector(".filter-event"))).selectByValue("order.placed");
        browser.type(filter.findElement(By.cssSelector(".filter-property")), "data.total.currency");
        new Select(filter.findElement(By.cssSelector(".filter-operator"))).selectByValue("in");
        browser.type(filter.findElement(By.cssSelector(".filter-values")), "EUR\nUSD");
        browser.click(By.cssSelector("button.add-header"));
        WebElement header = browser.find(form, By.cssSelector(".header-row"));
        browser.type(header.findElement(By.cssSelector(".header-name")), "X-Custom");
        browser.type(header.findElement(By.cssSelector(".header-value")), "v");
        browser.type(form.findElement(By.name("timeoutSeconds")), "5");
        browser.type(form.findElement(By.name("maxAttempts")), "3");
        browser.screenshot("portal-webhook-form");
        form.findElement(By.cssSelector("button[type='submit']")).click();

        String secret = secretInDialog();
        assertThat(focusIsIn("dialog[open]")).isTrue();
        browser.screenshot("portal-secret-once", false);
        JsonNode stored = api.get("/v1/webhooks", tenant).json().get("data").get(0);
        assertThat(stored.get("name").asString()).isEqualTo("ERP sync");
        assertThat(stored.get("url").asString()).isEqualTo(receiver.url("/hooks"));
        assertThat(stored.get("events").toString()).isEqualTo("[\"order.placed\",\"customer.updated\"]");
        assertThat(stored.get("filters").toString())
                .isEqualTo("[{\"event\":\"order.placed\",\"property\":\"data.total.currency\",\"operator\":\"in\","
                        + "\"values\":[\"EUR\",\"USD\"]}]");
        assertThat(stored.get("headers").toString()).isEqualTo("{\"X-Custom\":\"v\"}");
        assertThat(stored.get("timeoutSeconds").asInt()).isEqualTo(5);
        assertThat(stored.get("retry").toString()).isEqualTo("{\"enabled\":true,\"maxAttempts\":3}");
        assertThat(stored.get("signatureScheme").asString()).isEqualTo("standard");
        assertThat(stored.has("secret")).isFalse();

        closeDialog("done");
        String id = stored.get("id").asString();
        row(id);
        browser.driver().navigate().refresh();
        WebElement listed = row(id);
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(browser.script("return JSON.stringify(sessionStorage)"))
                .asString()
                .doesNotContain(secret);

        listed.findElement(By.cssSelector("button.action-test")).click();
        String result = browser.waitForText(
                By.cssSelector("tr[data-webhook-id='" + id + "'] .test-result"), "Test delivered: HTTP 200");
        assertThat(result).matches("Test delivered: HTTP 200 in \\d+ ms\\.");
        Receiver.Request test = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(test.header("x-event-type")).isEqualTo("webhook.test");
        assertThat(signedWith(secret, test)).isTrue();
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .last-delivery"), "webhook.test");
    }

    @Test
    void aFailingTestShowsWhatTheReceiverAnswered() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Flaky", "/flaky")).get("id").asString();
        receiver.then(Reply.json(500, "{\"reason\":\"database down\"}"));
        signInAs(tenant);

        row(id).findElement(By.cssSelector("button.action-test")).click();

        assertThat(browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .test-result"), "Test failed"))
                .matches("Test failed: HTTP 500 after \\d+ ms\\.");
        browser.waitForText(By.id("notices"), "Flaky: Test failed: HTTP 500");
    }

    // ---------------------------------------------------------------------------------------------
    // problems

    @Test
    void atTheCapNewWebhookIsDisabledWithTheReasonAndTheServerStillExplainsIt() {
        TestTenant tenant = api.newTenant();
        for (int i = 1; i <= 2; i++) {
            create(tenant, webhook("Hook " + i, "/" + i));
        }
        signInAs(tenant);
        assertThat(browser.find(By.id("cap-status")).getText()).isEqualTo("2 of 3 webhooks");
        assertThat(browser.find(By.id("new-webhook")).getTagName()).isEqualTo("a");
        String third = create(tenant, webhook("Hook 3", "/3")).get("id").asString();
        browser.driver().navigate().refresh();
        row(third);

        WebElement newWebhook = browser.find(By.id("new-webhook"));
        assertThat(newWebhook.isEnabled()).isFalse();
        assertThat(newWebhook.getDomAttribute("aria-describedby")).isEqualTo("cap-status");
        assertThat(browser.find(By.id("cap-status")).getText())
                .startsWith("3 of 3 webhooks: the limit of this tenant. Delete one to add another");

        // a form opened before another admin reached the cap still gets the server's explanation
        browser.open(portal() + "#/webhooks/new");
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        browser.type(form.findElement(By.name("name")), "Hook 4");
        browser.type(form.findElement(By.name("url")), receiver.url("/4"));
        form.findElement(By.cssSelector("input[name='events'][value='order.placed']"))
                .click();
        form.findElement(By.cssSelector("button[type='submit']")).click();

        String problem = browser.waitForText(By.id("problem"), "Webhook limit reached");
        assertThat(problem)
                .contains("this tenant already has 3 webhooks, its limit; delete one or ask for a higher limit")
                .contains("Each tenant can have a limited number of webhooks (3 unless");
        assertThat(activeElementId()).isEqualTo("problem");
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).hasSize(3);

        // deleting one gives the button back
        browser.open(portal() + "#/webhooks");
        row(third).findElement(By.cssSelector("button.action-delete")).click();
        closeDialog("confirm");
        browser.waitForText(By.id("cap-status"), "2 of 3 webhooks");
        assertThat(browser.find(By.id("new-webhook")).getTagName()).isEqualTo("a");
    }

    @Test
    void aKafkaDestinationIsChosenInTheFormItsErrorsStandByItsFieldsAndItsPasswordIsNeverShown() {
        TestTenant tenant = api.newTenant();
        signInAs(tenant);
        browser.click(By.id("new-webhook"));
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        browser.type(form.findElement(By.name("name")), "ERP via Kafka");
        assertThat(form.findElement(By.name("topic")).isDisplayed()).isFalse();
        new Select(form.findElement(By.name("destinationType"))).selectByValue("kafka");
        assertThat(form.findElement(By.name("url")).isDisplayed()).isFalse();
        browser.type(form.findElement(By.name("bootstrapServers")), "127.0.0.1:9092");
        new Select(form.findElement(By.name("protocol"))).selectByValue("SASL_SSL");
        new Select(form.findElement(By.name("saslMechanism"))).selectByValue("SCRAM-SHA-512");
        browser.type(form.findElement(By.name("username")), "hookline");
        browser.type(form.findElement(By.name("password")), "kafka-pa55word");
        form.findElement(By.cssSelector("input[name='events'][value='order.placed']"))
                .click();
        form.findElement(By.cssSelector("button[type='submit']")).click();

        // the topic left out is named next to its field
        String error = browser.waitForText(By.cssSelector(".field-error[data-field='destination.topic']"), "Topic");
        assertThat(error).isEqualTo("Topic: is required for a kafka destination");
        browser.type(form.findElement(By.name("topic")), "hookline-events");
        form.findElement(By.cssSelector("button[type='submit']")).click();

        secretInDialog();
        JsonNode stored = api.get("/v1/webhooks", tenant).json().get("data").get(0);
        assertThat(stored.get("url").asString()).isEqualTo("kafka://127.0.0.1:9092/hookline-events");
        assertThat(stored.get("destination").toString())
                .isEqualTo("{\"type\":\"kafka\",\"bootstrapServers\":\"127.0.0.1:9092\",\"topic\":\"hookline-events\","
                        + "\"key\":\"tenant\",\"security\":{\"protocol\":\"SASL_SSL\",\"saslMechanism\":\"SCRAM-SHA-512\","
                        + "\"username\":\"hookline\",\"password\":\"********\"}}");
        closeDialog("done");

        // editing it shows the destination, never the password, and saving keeps the stored one
        String id = stored.get("id").asString();
        browser.open(portal() + "#/webhooks/" + id + "/settings");
        WebElement edit = browser.find(By.cssSelector("form.webhook-form"));
        assertThat(new Select(edit.findElement(By.name("destinationType")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("kafka");
        assertThat(edit.findElement(By.name("topic")).getDomProperty("value")).isEqualTo("hookline-events");
        assertThat(edit.findElement(By.name("password")).getDomProperty("value"))
                .isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("kafka-pa55word");
        browser.type(edit.findElement(By.name("topic")), "hookline-orders");
        edit.findElement(By.cssSelector("button[type='submit']")).click();
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + id, tenant)
                        .json()
                        .get("destination")
                        .get("topic")
                        .asString()
                        .equals("hookline-orders"));
        assertThat(api.get("/v1/webhooks/" + id, tenant)
                        .json()
                        .get("destination")
                        .get("security")
                        .get("password")
                        .asString())
                .isEqualTo("********");
    }

    @Test
    void fieldErrorsStandNextToTheirFieldsInTheFormsWordsAndGoOnceFixed() {
        TestTenant tenant = api.newTenant();
        signInAs(tenant);
        browser.click(By.id("new-webhook"));
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        browser.type(form.findElement(By.name("name")), "No events");
        browser.type(form.findElement(By.name("url")), receiver.url("/none"));
        browser.type(form.findElement(By.name("maxAttempts")), "11");
        // maxAttempts has a max of 10 in the page; let the server judge it
        browser.script("document.querySelector('form.webhook-form').noValidate = true");

        form.findElement(By.cssSelector("button[type='submit']")).click();

        String problem = browser.waitForText(By.id("problem"), "The request has invalid values");
        assertThat(browser.find(By.cssSelector("#problem .problem-errors")).getText())
                .contains("Events: ")
                .contains("Attempts in all: ")
                .doesNotContain("retry.maxAttempts");
        assertThat(problem).contains("Request id: req_");
        WebElement attempts = form.findElement(By.name("maxAttempts"));
        assertThat(attempts.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement attemptsError = browser.find(By.cssSelector(".field-error[data-field='retry.maxAttempts']"));
        assertThat(attemptsError.getText()).startsWith("Attempts in all: ");
        assertThat(attempts.getDomAttribute("aria-describedby")).contains(attemptsError.getDomAttribute("id"));
        assertThat(browser.find(By.cssSelector(".field-error[data-field='events']"))
                        .getText())
                .startsWith("Events: ");
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).isEmpty();

        // fixing a field takes its message away; fixing the last one takes the problem away too
        browser.type(attempts, "3");
        browser.waitUntil(d -> d.findElements(By.cssSelector(".field-error[data-field='retry.maxAttempts']"))
                .isEmpty());
        assertThat(attempts.getDomAttribute("aria-invalid")).isNull();
        assertThat(browser.driver().findElement(By.id("problem")).isDisplayed()).isTrue();
        form.findElement(By.cssSelector("input[name='events'][value='order.placed']"))
                .click();
        browser.waitUntil(d -> !d.findElement(By.id("problem")).isDisplayed());
        assertThat(browser.driver().findElements(By.cssSelector(".field-error")))
                .isEmpty();
    }

    @Test
    void aRateLimitedCallWaitsOutRetryAfterWithAVisibleNotice() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(1, 1, 2), 3);
        create(tenant, webhook("Patient hook", "/patient"));

        // the list needs two calls (webhooks, then the last delivery): the second is refused
        signInAs(tenant.token(), tenant.id());

        browser.waitForText(By.id("notices"), "Too many requests for this tenant");
        browser.waitForText(By.cssSelector(".list-body"), "Patient hook");
        assertThat(browser.driver().findElement(By.id("problem")).isDisplayed()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // the log

    @Test
    void theLogShowsEachAttemptAndRecoverAndResendDeliverAgain() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("ERP sync", "/erp");
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        receiver.then(Reply.json(503, "{\"reason\":\"maintenance\"}"));
        String eventId = publishOrder(tenant);
        receiver.awaitRequests(1, DEADLINE);
        awaitDeliveryStatus(tenant, id, "failed");
        signInAs(tenant);

        row(id).findElement(By.cssSelector("a.action-log")).click();
        browser.waitForText(By.cssSelector("main h1"), "Log of “ERP sync”");
        WebElement delivery = browser.find(By.cssSelector("tbody.delivery"));
        assertThat(delivery.findElement(By.cssSelector(".event-type")).getText())
                .isEqualTo("order.placed");
        assertThat(delivery.findElement(By.cssSelector(".delivery-status")).getText())
                .isEqualTo("failed");

        new Select(browser.find(By.cssSelector("select.status-filter"))).selectByValue("succeeded");
        browser.waitForText(By.cssSelector(".deliveries"), "No succeeded deliveries.");
        new Select(browser.find(By.cssSelector("select.status-filter"))).selectByValue("failed");
        delivery = browser.find(By.cssSelector("tbody.delivery"));

        delivery.findElement(By.cssSelector("button.expand")).click();
        WebElement attempt = browser.find(delivery, By.cssSelector("article.attempt[data-attempt='1']"));
        assertThat(delivery.findElement(By.cssSelector("button.expand")).getDomAttribute("aria-expanded"))
                .isEqualTo("true");
        assertThat(attempt.findElement(By.cssSelector(".response-status")).getText())
                .isEqualTo("503");
        assertThat(attempt.getText()).contains("maintenance");
        assertThat(attempt.findElement(By.cssSelector(".request-body")).getText())
                .contains(eventId);
        assertThat(attempt.findElement(By.cssSelector("table.headers")).getText())
                .containsIgnoringCase("webhook-signature")
                .containsIgnoringCase("x-event-type order.placed");
        assertThat(attempt.findElement(By.cssSelector(".response-body")).getText())
                .contains("\"reason\": \"maintenance\"");
        browser.screenshot("portal-log");

        // recover: a dialog that opens on Cancel and counts what it will queue, then follows it
        new Select(browser.find(By.cssSelector("select.status-filter"))).selectByValue("");
        browser.click(By.cssSelector("button.recover-open"));
        browser.waitForText(By.cssSelector("dialog[open] .recover-count"), "1 failed delivery will be queued again");
        assertThat(focusIsIn("dialog[open] button[data-value='cancel']")).isTrue();
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", tenant)
                        .json()
                        .get("data")
                        .get(0)
                        .get("status")
                        .asString())
                .as("the count is a dry run")
                .isEqualTo("failed");
        closeDialog("recover");
        browser.waitForText(By.cssSelector(".recover-result"), "1 failed delivery was queued again.");
        receiver.awaitRequests(2, DEADLINE);
        awaitDeliveryStatus(tenant, id, "succeeded");
        assertThat(browser.waitForText(By.cssSelector(".follow-counts"), "Done"))
                .contains("1 succeeded");
        browser.waitForText(By.cssSelector("tbody.delivery .delivery-status"), "succeeded");
        assertThat(browser.find(By.cssSelector("tbody.delivery .http-status")).getText())
                .isEqualTo("200");

        // resend: one more attempt now, followed on the page until it settles
        delivery = browser.find(By.cssSelector("tbody.delivery"));
        delivery.findElement(By.cssSelector("button.expand")).click();
        browser.find(delivery, By.cssSelector("article.attempt[data-attempt='2']"));
        delivery.findElement(By.cssSelector("button.resend")).click();
        receiver.awaitRequests(3, DEADLINE);
        browser.waitForText(By.cssSelector("tbody.delivery .attempt-count"), "3");
        browser.waitForText(By.cssSelector("tbody.delivery .delivery-status"), "succeeded");
        WebElement third = browser.find(By.cssSelector("tbody.delivery article.attempt[data-attempt='3']"));
        assertThat(third.findElement(By.cssSelector(".response-status")).getText())
                .isEqualTo("200");
        assertThat(receiver.received().get(2).header("webhook-id")).isEqualTo(eventId);
        browser.screenshot("portal-log-expanded");
    }

    // ---------------------------------------------------------------------------------------------
    // rotate, disable, delete, edit

    @Test
    void rotatingKeepsTheOldSecretForTheGraceChosenOrDropsItAtOnce() {
        TestTenant tenant = api.newTenant();
        JsonNode created = create(tenant, webhook("Signed", "/signed"));
        String id = created.get("id").asString();
        String original = created.get("secret").asString();
        signInAs(tenant);

        row(id).findElement(By.cssSelector("button.action-rotate")).click();
        // it opens on the safe choice: Cancel focused, 24 hours chosen, so no key press changes the grace
        assertThat(focusIsIn("dialog[open] button[data-value='cancel']")).isTrue();
        assertThat(browser.find(By.cssSelector("dialog[open] input[data-grace='86400']"))
                        .isSelected())
                .isTrue();
        browser.click(By.cssSelector("dialog[open] input[data-grace='3600']"));
        closeDialog("rotate");
        String rotated = secretInDialog();
        assertThat(browser.find(By.cssSelector("dialog[open]")).getText())
                .contains("The old secret keeps signing until");
        closeDialog("done");
        assertThat(rotated).isNotEqualTo(original);
        assertThat(api.get("/v1/webhooks/" + id, tenant)
                        .json()
                        .get("previousSecretExpiresAt")
                        .isNull())
                .isFalse();

        row(id).findElement(By.cssSelector("button.action-test")).click();
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .test-result"), "Test delivered");
        Receiver.Request duringGrace = receiver.awaitRequests(1, DEADLINE).getLast();
        assertThat(signedWith(rotated, duringGrace)).isTrue();
        assertThat(signedWith(original, duringGrace)).isTrue();

        row(id).findElement(By.cssSelector("button.action-rotate")).click();
        browser.click(By.cssSelector("dialog[open] input[data-grace='0']"));
        closeDialog("rotate");
        String reset = secretInDialog();
        assertThat(browser.find(By.cssSelector("dialog[open]")).getText())
                .contains("The old secret no longer signs anything.");
        closeDialog("done");

        row(id).findElement(By.cssSelector("button.action-test")).click();
        browser.waitUntil(d -> receiver.received().size() >= 2);
        Receiver.Request afterReset = receiver.received().getLast();
        assertThat(signedWith(reset, afterReset)).isTrue();
        assertThat(signedWith(rotated, afterReset)).isFalse();
        assertThat(signedWith(original, afterReset)).isFalse();
    }

    @Test
    void disablingKeepsTheWebhookAndEnablingItAgainResetsItsStreak() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Toggle me", "/toggle")).get("id").asString();
        signInAs(tenant);

        row(id).findElement(By.cssSelector("input.toggle-enabled")).click();

        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .status"), "Disabled");
        assertThat(row(id).findElement(By.cssSelector(".disabled-reason")).getText())
                .isEqualTo("Turned off by an admin.");
        assertThat(row(id).findElement(By.cssSelector("input.toggle-enabled")).isSelected())
                .isFalse();
        assertThat(activeElementId()).startsWith("enabled-");
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("enabled").asBoolean())
                .isFalse();
        browser.waitForText(By.id("notices"), "Toggle me is disabled");

        row(id).findElement(By.cssSelector("input.toggle-enabled")).click();

        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .status"), "Enabled");
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("enabled").asBoolean())
                .isTrue();
    }

    @Test
    void anAutomaticallyDisabledWebhookShowsWhyAndItsFailureStreak() {
        TestTenant tenant = api.newTenant();
        try (Receiver healthy = new Receiver()) {
            Map<String, Object> erp = webhook("ERP sync", "/erp", "order.placed", "customer.updated");
            erp.put("url", healthy.url("/erp"));
            String healthyId = create(tenant, erp).get("id").asString();
            Map<String, Object> spec = webhook("Warehouse (broken receiver)", "/broken");
            spec.put("retry", Map.of("enabled", true, "maxAttempts", 5));
            String id = create(tenant, spec).get("id").asString();
            String pausedId = create(tenant, webhook("Mailing list", "/mail", "customer.created"))
                    .get("id")
                    .asString();
            assertThat(api.patch("/v1/webhooks/" + pausedId, Map.of("enabled", false), tenant)
                            .status())
                    .isEqualTo(200);
            receiver.byDefault(request -> Reply.status(500));
            publishOrder(tenant);
            healthy.awaitRequests(1, DEADLINE);
            Awaitility.await()
                    .atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !api.get("/v1/webhooks/" + id, tenant)
                            .json()
                            .get("enabled")
                            .asBoolean());
            awaitDeliveryStatus(tenant, healthyId, "succeeded");
            JsonNode disabled = api.get("/v1/webhooks/" + id, tenant).json();
            String lastStatus = api.get("/v1/webhooks/" + id + "/deliveries", tenant)
                    .json()
                    .get("data")
                    .get(0)
                    .get("status")
                    .asString();

            signInAs(tenant);

            WebElement listed = row(id);
            assertThat(listed.findElement(By.cssSelector(".status")).getText()).startsWith("Disabled");
            assertThat(listed.findElement(By.cssSelector(".disabled-reason")).getText())
                    .isEqualTo(disabled.get("disabledReason").asString());
            assertThat(listed.findElement(By.cssSelector(".streak")).getText())
                    .startsWith(
                            Integer.toString(disabled.get("consecutiveFailures").asInt()));
            assertThat(listed.findElement(By.cssSelector(".last-delivery")).getText())
                    .contains(lastStatus)
                    .contains("order.placed");
            assertThat(row(healthyId)
                            .findElement(By.cssSelector(".last-delivery"))
                            .getText())
                    .contains("succeeded");
            assertThat(row(pausedId)
                            .findElement(By.cssSelector(".disabled-reason"))
                            .getText())
                    .isEqualTo("Turned off by an admin.");
            browser.screenshot("portal-webhooks");
        }
    }

    @Test
    void deletingAsksForConfirmationFirst() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Short-lived", "/gone")).get("id").asString();
        signInAs(tenant);

        row(id).findElement(By.cssSelector("button.action-delete")).click();
        assertThat(browser.find(By.cssSelector("dialog[open]")).getText()).contains("Delete “Short-lived”?");
        closeDialog("cancel");
        assertThat(focusIsIn("button.action-delete")).isTrue();
        assertThat(api.get("/v1/webhooks/" + id, tenant).status()).isEqualTo(200);

        row(id).findElement(By.cssSelector("button.action-delete")).click();
        closeDialog("confirm");

        browser.waitForText(By.cssSelector(".list-body"), "No webhooks yet");
        assertThat(api.get("/v1/webhooks/" + id, tenant).status()).isEqualTo(404);
    }

    @Test
    void editingChangesTheWebhookAndKeepsItsStreakUntouched() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("Before", "/edit", "order.placed");
        spec.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "order.placed",
                        "property",
                        "data.total.currency",
                        "operator",
                        "equals",
                        "values",
                        List.of("EUR"))));
        spec.put("headers", Map.of("X-Old", "1"));
        String id = create(tenant, spec).get("id").asString();
        String site = api.post("/v1/sites", Map.of("code", "WEBSHOP", "name", "Acme Webshop"), tenant)
                .json()
                .get("id")
                .asString();
        signInAs(tenant);

        row(id).findElement(By.cssSelector("a.action-edit")).click();
        browser.waitForText(By.cssSelector("main h1"), "Edit “Before”");
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        assertThat(form.findElement(By.cssSelector(".filter-property")).getDomProperty("value"))
                .isEqualTo("data.total.currency");
        assertThat(form.findElement(By.cssSelector(".header-name")).getDomProperty("value"))
                .isEqualTo("X-Old");
        browser.type(form.findElement(By.name("name")), "After");
        browser.click(By.cssSelector("button.chip[data-site='" + site + "']")); // the tenant's sites are offered
        form.findElement(By.cssSelector(".header-row button.remove-row")).click();
        form.findElement(By.cssSelector("input[name='events'][value='order.completed']"))
                .click();
        form.findElement(By.cssSelector("input[name='asyncAcknowledgement']")).click();
        form.findElement(By.xpath(".//label[text()='Message hash']")).click();
        form.findElement(By.cssSelector("button[type='submit']")).click();

        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "']"), "After");
        JsonNode stored = api.get("/v1/webhooks/" + id, tenant).json();
        assertThat(stored.get("name").asString()).isEqualTo("After");
        assertThat(stored.get("events").toString()).isEqualTo("[\"order.placed\",\"order.completed\"]");
        assertThat(stored.get("filters").get(0).get("values").toString()).isEqualTo("[\"EUR\"]");
        assertThat(stored.get("headers").toString()).isEqualTo("{}");
        assertThat(stored.get("sites").toString()).isEqualTo("[\"" + site + "\"]");
        assertThat(stored.get("asyncAcknowledgement").asBoolean()).isTrue();
        assertThat(stored.get("signatureScheme").asString()).isEqualTo("message-hash");
    }
}
