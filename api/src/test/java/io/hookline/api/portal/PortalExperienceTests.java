package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The portal beyond the list and the form: health at a glance, a webhook's own page, the log's
 * search, the event catalog, a 390 px phone, dark mode, a keyboard-only admin and an axe-core
 * scan of every page — in headless Chromium against a node with real deliveries.
 */
class PortalExperienceTests extends PortalBrowserTest {

    // ---------------------------------------------------------------------------------------------
    // health at a glance, statuses explained

    @Test
    void theListShowsEachStreakAgainstTheAutoDisableThresholdAndPausedDeliveriesSayWhy() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("Retrying", "/retrying");
        spec.put("retry", Map.of("enabled", true, "maxAttempts", 5));
        String id = create(tenant, spec).get("id").asString();
        receiver.byDefault(request -> Reply.status(500));
        publish(tenant, "order.placed");
        receiver.awaitRequests(1, DEADLINE);
        awaitStreak(tenant, id, 1);
        // disabled while its delivery waits for a retry: the delivery is parked
        assertThat(api.patch("/v1/webhooks/" + id, Map.of("enabled", false), tenant)
                        .status())
                .isEqualTo(200);
        signInAs(tenant);

        WebElement listed = row(id);
        // the test node disables a webhook after 5 consecutive failures (RunningApp.DELIVERY_SETTINGS)
        assertThat(listed.findElement(By.cssSelector(".streak-figure")).getText())
                .isEqualTo("1 of 5");
        assertThat(listed.findElement(By.cssSelector(".streak")).getText())
                .contains("at 5 the webhook is disabled automatically");
        assertThat(listed.findElement(By.cssSelector(".streak meter")).getDomAttribute("max"))
                .isEqualTo("5");
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .last-delivery"), "paused");
        assertThat(browser.find(By.cssSelector("details.legend")).getText()).contains("What the statuses mean");

        go("#/webhooks/" + id + "/log", "Log of “Retrying”");
        WebElement status = browser.find(By.cssSelector("tbody.delivery .delivery-status .badge"));
        assertThat(status.getText()).startsWith("paused");
        assertThat(status.getDomAttribute("title")).contains("queued again as soon as the webhook is enabled");
        assertThat(browser.find(By.cssSelector("tbody.delivery .next-attempt")).getText())
                .isEqualTo("when the webhook is enabled");
        browser.click(By.cssSelector("details.legend summary"));
        assertThat(browser.find(By.cssSelector("details.legend dl")).getText())
                .contains("delivering")
                .contains("An attempt is in flight right now.")
                .contains("waiting")
                .contains("answered 202");
    }

    private void awaitStreak(TestTenant tenant, String id, int streak) {
        org.awaitility.Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> api.get("/v1/webhooks/" + id, tenant)
                                .json()
                                .get("consecutiveFailures")
                                .asInt()
                        >= streak);
    }

    @Test
    void aFailedTestIsLoggedAsFailedWithItsHttpCodeNotLeftPending() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Flaky", "/flaky")).get("id").asString();
        receiver.then(Reply.status(500));
        signInAs(tenant);

        row(id).findElement(By.cssSelector("button.action-test")).click();
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .test-result"), "Test failed: HTTP 500");
        browser.waitForText(By.cssSelector("tr[data-webhook-id='" + id + "'] .last-delivery"), "failed");
        assertThat(browser.find(By.cssSelector(".notice-warning")).getText()).contains("Flaky: Test failed");

        go("#/webhooks/" + id + "/log", "Log of “Flaky”");
        WebElement delivery = browser.find(By.cssSelector("tbody.delivery"));
        assertThat(delivery.findElement(By.cssSelector(".event-type")).getText())
                .isEqualTo("webhook.test");
        assertThat(delivery.findElement(By.cssSelector(".delivery-status")).getText())
                .startsWith("failed");
        assertThat(delivery.findElement(By.cssSelector(".http-status")).getText())
                .isEqualTo("500");
    }

    @Test
    void noticesSitAtTheBottomAndSuccessesAreGreen() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Toggle", "/toggle")).get("id").asString();
        signInAs(tenant);

        row(id).findElement(By.cssSelector("input.toggle-enabled")).click();

        WebElement notice = browser.find(By.cssSelector("#notices .notice"));
        assertThat(notice.getDomAttribute("class")).contains("notice-success");
        double noticeTop = number("return document.querySelector('#notices .notice').getBoundingClientRect().top");
        double headingBottom = number("return document.querySelector('main h1').getBoundingClientRect().bottom");
        double tableHeadBottom =
                number("return document.querySelector('table.webhooks thead').getBoundingClientRect().bottom");
        assertThat(noticeTop).isGreaterThan(headingBottom);
        assertThat(noticeTop).isGreaterThan(tableHeadBottom);
        assertThat(browser.script("return getComputedStyle(document.getElementById('notices')).position"))
                .isEqualTo("fixed");
    }

    // ---------------------------------------------------------------------------------------------
    // a webhook's page

    @Test
    void theWebhookPageShowsItsIdCreationUrlRotationAndSitesWithCopyButtons() {
        TestTenant tenant = api.newTenant();
        String site = api.post("/v1/sites", Map.of("code", "WEBSHOP", "name", "Acme Webshop"), tenant)
                .json()
                .get("id")
                .asString();
        Map<String, Object> spec = webhook("ERP sync", "/erp");
        spec.put("sites", List.of(site));
        JsonNode created = create(tenant, spec);
        String id = created.get("id").asString();
        Response rotated = api.post("/v1/webhooks/" + id + "/secret/rotate", Map.of("graceSeconds", 3600), tenant);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        signInAs(tenant);

        row(id).findElement(By.cssSelector("a.webhook-name")).click();
        browser.waitForText(By.cssSelector("main h1"), "ERP sync");
        assertThat(browser.find(By.cssSelector(".tabs .tab-overview")).getDomAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.find(By.cssSelector(".webhook-id")).getText()).isEqualTo(id);
        assertThat(browser.find(By.cssSelector(".webhook-facts .url")).getText())
                .isEqualTo(receiver.url("/erp"));
        assertThat(browser.driver().findElements(By.cssSelector(".webhook-facts button.copy")).stream()
                        .map(b -> b.getDomAttribute("data-copy"))
                        .toList())
                .containsExactly(id, receiver.url("/erp"));
        browser.click(By.cssSelector(".webhook-facts button.copy"));
        browser.waitForText(By.cssSelector(".webhook-facts .copy-status"), "Copied");
        assertThat(browser.find(By.cssSelector(".secret-state")).getText())
                .startsWith("Rotated: the old secret also signs until")
                .contains("(in ");
        assertThat(browser.find(By.cssSelector(".site-list")).getText()).isEqualTo("WEBSHOP (Acme Webshop)");
        WebElement createdAt = browser.find(By.cssSelector(".webhook-facts time"));
        assertThat(createdAt.getText()).as("relative").matches("just now|\\d+ seconds? ago|1 minute ago");
        assertThat(createdAt.getDomAttribute("title"))
                .as("the absolute time and its zone on hover")
                .containsPattern("\\d{2}:\\d{2}:\\d{2}.* \\((Etc/)?UTC\\)$");
        assertThat(createdAt.getDomAttribute("datetime"))
                .isEqualTo(created.get("createdAt").asString());
        browser.screenshot("portal-webhook-page");
    }

    @Test
    void anUnknownWebhooksPageSaysSoInsteadOfLoadingForever() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String foreign = create(other, webhook("Not yours", "/x")).get("id").asString();
        signInAs(tenant);

        for (String route : List.of(
                "#/webhooks/" + foreign, "#/webhooks/" + foreign + "/log", "#/webhooks/" + foreign + "/settings")) {
            go(route, "Not found");
            assertThat(browser.find(By.cssSelector(".not-found")).getText())
                    .contains("may have been deleted, or belong to another tenant");
            assertThat(browser.driver().findElements(By.cssSelector("main .loading")))
                    .isEmpty();
        }
        go("#/catalog/order.nothing", "Unknown event type");
    }

    // ---------------------------------------------------------------------------------------------
    // the log's search

    @Test
    void theLogSearchesByEventTypeHttpCodeDateRangeAndIdAndPagesWithCounts() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("Shop", "/shop", "order.placed", "customer.created");
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        receiver.byDefault(request ->
                "customer.created".equals(request.header("x-event-type")) ? Reply.status(503) : Reply.status(200));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(publish(tenant, "order.placed"));
        }
        String customerEvent = publish(tenant, "customer.created");
        publish(tenant, "customer.created");
        publish(tenant, "customer.created");
        awaitSettled(tenant, id, 23);
        signInAs(tenant, "#/webhooks/" + id + "/log");
        browser.waitForText(By.cssSelector("main h1"), "Log of “Shop”");

        // paged with counts, newest first
        assertThat(browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–20"))
                .isEqualTo("Deliveries 1–20, newest first; older ones on the next pages.");
        assertThat(browser.driver().findElements(By.cssSelector("tbody.delivery")))
                .hasSize(20);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("button.page-newer"))
                        .isDisplayed())
                .as("no newer page on the first")
                .isFalse();
        browser.click(By.cssSelector("button.page-older"));
        assertThat(browser.waitForText(By.cssSelector(".page-count"), "21–23"))
                .isEqualTo("Deliveries 21–23, newest first (page 2).");
        assertThat(texts("tbody.delivery .event-type")).containsOnly("order.placed");
        browser.click(By.cssSelector("button.page-newer"));
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–20");

        // the HTTP code is in the row; sorting orders the page by a column
        assertThat(texts("tbody.delivery .http-status")).contains("503", "200");
        browser.click(By.cssSelector("th[data-sort-key='lastResponseStatus'] button.sort"));
        assertThat(browser.find(By.cssSelector("th[data-sort-key='lastResponseStatus']"))
                        .getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(texts("tbody.delivery .http-status").subList(0, 3)).containsOnly("503");
        assertThat(focusIsIn("th[data-sort-key='lastResponseStatus']")).isTrue();

        // by event type
        new Select(browser.find(By.cssSelector("select.event-type-filter"))).selectByValue("customer.created");
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–3,");
        assertThat(texts("tbody.delivery .event-type")).containsOnly("customer.created");
        assertThat(browser.driver().getCurrentUrl()).contains("eventType=customer.created");

        // by HTTP code
        new Select(browser.find(By.cssSelector("select.event-type-filter"))).selectByValue("");
        browser.type(browser.find(By.cssSelector("input.response-filter")), "200");
        browser.click(By.cssSelector("button.apply-filters"));
        // exactly the 20 orders: no "older ones" this time
        browser.waitUntil(
                d -> d.findElement(By.cssSelector(".page-count")).getText().equals("Deliveries 1–20, newest first."));
        assertThat(texts("tbody.delivery .http-status")).containsOnly("200");
        browser.type(browser.find(By.cssSelector("input.response-filter")), "503");
        browser.click(By.cssSelector("button.apply-filters"));
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–3,");

        // by event id, then delivery id, then something that is neither
        browser.click(By.cssSelector("button.reset-filters"));
        browser.type(browser.find(By.cssSelector("input.id-search")), customerEvent + Keys.ENTER);
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–1,");
        WebElement found = browser.find(By.cssSelector("tbody.delivery"));
        assertThat(found.findElement(By.cssSelector(".event-id")).getText()).isEqualTo(customerEvent);
        String deliveryId = java.util.Objects.requireNonNull(found.getDomAttribute("data-delivery-id"));
        browser.type(browser.find(By.cssSelector("input.id-search")), deliveryId + Keys.ENTER);
        browser.waitUntil(d -> String.valueOf(d.getCurrentUrl()).contains("id=" + deliveryId));
        browser.waitForText(By.cssSelector("tbody.delivery .delivery-id"), deliveryId);
        browser.type(browser.find(By.cssSelector("input.id-search")), "order 42" + Keys.ENTER);
        browser.waitForText(By.cssSelector(".deliveries"), "is neither an event id (evt_…) nor a delivery id");

        // by date range: nothing before the first delivery, everything in the last hour
        browser.click(By.cssSelector("button.reset-filters"));
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–20");
        browser.script("const until = document.querySelector('input.until-filter');"
                + " until.value = '2020-01-01T00:00'; until.form.requestSubmit();");
        browser.waitForText(By.cssSelector(".deliveries"), "No deliveries match this search.");
        browser.click(By.cssSelector("button.preset[data-hours='1']"));
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–20");
        assertThat(browser.driver().getCurrentUrl()).contains("since=");
        browser.screenshot("portal-log-search");
    }

    @Test
    void theTenantWideLogNamesTheWebhookOfEachDelivery() {
        TestTenant tenant = api.newTenant();
        String first = create(tenant, webhook("First", "/first")).get("id").asString();
        String second = create(tenant, webhook("Second", "/second")).get("id").asString();
        publish(tenant, "order.placed");
        awaitSettled(tenant, first, 1);
        awaitSettled(tenant, second, 1);
        signInAs(tenant, "#/deliveries");
        browser.waitForText(By.cssSelector("main h1"), "Deliveries");

        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–2,");
        assertThat(texts("tbody.delivery td[data-label='Webhook']")).containsExactlyInAnyOrder("First", "Second");
        new Select(browser.find(By.cssSelector("select.webhook-filter"))).selectByValue(second);
        browser.waitForText(By.cssSelector(".page-count"), "Deliveries 1–1,");
        assertThat(texts("tbody.delivery td[data-label='Webhook']")).containsExactly("Second");
    }

    // ---------------------------------------------------------------------------------------------
    // the event catalog

    @Test
    void theCatalogShowsEachTypesSchemaAndSampleAndSendsATestOfAnyType() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("Customers only", "/customers", "customer.created"))
                .get("id")
                .asString();
        signInAs(tenant, "#/catalog");
        browser.waitForText(By.cssSelector("main h1"), "Event catalog");

        browser.type(browser.find(By.cssSelector("input.catalog-search")), "order.pl");
        browser.waitForText(By.cssSelector(".catalog-count"), "1 of");
        assertThat(browser.driver().findElements(By.cssSelector("li[data-event]")).stream()
                        .filter(WebElement::isDisplayed)
                        .map(e -> e.getDomAttribute("data-event"))
                        .toList())
                .containsExactly("order.placed");
        browser.click(By.cssSelector("li[data-event='order.placed'] a"));
        browser.waitForText(By.cssSelector("main h1"), "order.placed");
        assertThat(browser.find(By.cssSelector(".event-description")).getText()).isNotBlank();
        WebElement customerCode = browser.find(By.cssSelector(".schema-table tr[data-path='data.customerCode']"));
        assertThat(customerCode.getText())
                .contains("string")
                .contains("required")
                .contains("1 to 64 characters");
        assertThat(browser.find(By.cssSelector(".schema-table tr[data-path='data.status']"))
                        .getText())
                .contains("one of \"pending_approval\", \"open\", \"completed\", \"cancelled\"");
        assertThat(browser.find(By.cssSelector(".schema-table tr[data-path='data.items[].quantity']"))
                        .getText())
                .contains("integer");
        String sample = browser.find(By.cssSelector("pre.sample")).getText();
        assertThat(sample).contains("\"type\": \"order.placed\"").contains("\"tenantId\": \"" + tenant.id() + "\"");
        browser.click(By.cssSelector("details.raw-schema summary"));
        assertThat(browser.find(By.cssSelector("details.raw-schema pre")).getText())
                .contains("\"$schema\"");
        assertThat(browser.find(By.cssSelector(".subscribers")).getText()).contains("None of this tenant’s webhooks");
        browser.screenshot("portal-catalog-type");

        // a test of this type to a webhook not subscribed to it
        assertThat(new Select(browser.find(By.cssSelector("select.test-webhook")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Customers only (not subscribed)");
        assertThat(new Select(browser.find(By.cssSelector("select.test-type")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("order.placed");
        browser.click(By.cssSelector("button.send-test"));
        browser.waitForText(By.cssSelector(".test-panel .test-result"), "Test delivered: HTTP 200");
        Receiver.Request request = receiver.awaitRequests(1, DEADLINE).getFirst();
        assertThat(request.header("x-event-type")).isEqualTo("order.placed");
        JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo("order.placed");
        assertThat(body.get("test").asBoolean()).isTrue();
        assertThat(body.get("data").get("customerCode").asString()).isNotBlank();
        assertThat(api.get("/v1/webhooks/" + id + "/deliveries", tenant)
                        .json()
                        .get("data")
                        .get(0)
                        .get("eventType")
                        .asString())
                .isEqualTo("order.placed");
    }

    @Test
    void theFilterEditorOffersTheEventTypesSchemaProperties() {
        TestTenant tenant = api.newTenant();
        signInAs(tenant, "#/webhooks/new");
        browser.waitForText(By.cssSelector("main h1"), "New webhook");
        WebElement form = browser.find(By.cssSelector("form.webhook-form"));
        form.findElement(By.cssSelector("input[name='events'][value='order.placed']"))
                .click();
        browser.click(By.cssSelector("button.add-filter"));
        WebElement filter = browser.find(form, By.cssSelector(".filter-row"));
        new Select(filter.findElement(By.cssSelector(".filter-event"))).selectByValue("order.placed");

        String list = filter.findElement(By.cssSelector(".filter-property")).getDomAttribute("list");
        List<String> offered = browser.driver().findElements(By.cssSelector("datalist#" + list + " option")).stream()
                .map(o -> o.getDomAttribute("value"))
                .toList();
        assertThat(offered)
                .contains("data.customerCode", "data.status", "siteId")
                .doesNotContain("data.items");
        browser.type(filter.findElement(By.cssSelector(".filter-property")), "data.status");
        assertThat(filter.findElement(By.cssSelector(".property-hint")).getText())
                .startsWith("one of \"pending_approval\"");
        browser.type(filter.findElement(By.cssSelector(".filter-property")), "data.nothing");
        assertThat(filter.findElement(By.cssSelector(".property-hint")).getText())
                .isEqualTo("Not a property of this event type’s schema.");
    }

    // ---------------------------------------------------------------------------------------------
    // a phone, dark mode, the keyboard, axe

    @Test
    void everyPageFitsA390PixelPhoneWithoutScrollingSideways() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook(
                "Warehouse with a rather long name for a phone", "/a/very/long/path/that/does/not/wrap/easily/at/all");
        spec.put("events", List.of("order.placed", "customer.created", "customer.updated"));
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        create(tenant, webhook("ERP", "/erp"));
        receiver.byDefault(request -> Reply.json(503, "{\"reason\":\"maintenance window, try again later\"}"));
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 1);
        browser.phone(390, 844);
        signInAs(tenant);

        List<String> pages = List.of(
                "#/webhooks",
                "#/webhooks/" + id,
                "#/webhooks/" + id + "/log",
                "#/webhooks/" + id + "/settings",
                "#/deliveries",
                "#/catalog",
                "#/catalog/order.placed",
                "#/overview");
        List<String> wide = new ArrayList<>();
        for (String page : pages) {
            browser.script("location.hash = arguments[0]", page);
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("main .loading")).isEmpty()
                            && !d.findElements(By.cssSelector("main h1")).isEmpty());
            if (page.endsWith("/log")) {
                browser.click(By.cssSelector("tbody.delivery button.expand"));
                browser.find(By.cssSelector("article.attempt"));
            }
            long width = browser.scrollWidth();
            if (width > 390) {
                wide.add(page + " is " + width + " px wide");
            }
            if (page.equals("#/webhooks")) {
                assertThat(row(id).findElement(By.cssSelector("button.action-delete"))
                                .getRect()
                                .getX())
                        .as("the actions are on the screen")
                        .isLessThan(390);
                assertThat(number("return document.querySelector('.topbar').getBoundingClientRect().width"))
                        .isEqualTo(390.0);
                browser.screenshot("portal-phone");
            }
            if (page.endsWith("/log")) {
                browser.screenshot("portal-phone-log");
            }
        }
        assertThat(wide).isEmpty();
    }

    @Test
    void darkModeFollowsTheSystemAndTheToggleOverridesIt() {
        TestTenant tenant = api.newTenant();
        create(tenant, webhook("Night shift", "/night"));
        browser.colorScheme("dark");
        signInAs(tenant);

        String dark = "rgb(13, 17, 23)";
        String light = "rgb(243, 245, 248)";
        assertThat(background()).isEqualTo(dark);
        WebElement toggle = browser.find(By.id("theme-toggle"));
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.accessibilityViolations()).as("dark list").isEmpty();
        browser.screenshot("portal-dark");

        toggle.click();
        assertThat(background()).isEqualTo(light);
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("false");
        browser.driver().navigate().refresh();
        browser.find(By.cssSelector(".list-body table"));
        assertThat(background()).as("the choice is kept").isEqualTo(light);

        browser.colorScheme("light");
        browser.click(By.id("theme-toggle"));
        assertThat(background()).as("the toggle wins over the system").isEqualTo(dark);
        assertThat(browser.find(By.id("theme-toggle")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
    }

    private double number(String script) {
        return ((Number) java.util.Objects.requireNonNull(browser.script(script))).doubleValue();
    }

    private String background() {
        return String.valueOf(browser.script("return getComputedStyle(document.documentElement).backgroundColor"));
    }

    @Test
    void aKeyboardOnlyAdminKeepsFocusAndDialogsStartOnTheSafeChoice() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> spec = webhook("Keys", "/keys");
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        receiver.byDefault(request -> Reply.status(502));
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 1);
        signInAs(tenant, "#/webhooks/" + id + "/log");
        browser.waitForText(By.cssSelector("main h1"), "Log of “Keys”");
        browser.find(By.cssSelector("tbody.delivery"));

        // Tab to the first delivery's Attempts button, open it with Enter: focus stays on it
        tabUntil("button.expand");
        press(Keys.ENTER);
        browser.find(By.cssSelector("article.attempt[data-attempt='1']"));
        assertThat(focusIsIn("button.expand")).isTrue();
        assertThat(browser.find(By.cssSelector("button.expand")).getDomAttribute("aria-expanded"))
                .isEqualTo("true");
        press(Keys.ENTER);
        browser.waitUntil(d ->
                "false".equals(d.findElement(By.cssSelector("button.expand")).getDomAttribute("aria-expanded")));
        assertThat(focusIsIn("button.expand")).isTrue();

        // Refresh re-renders the log; focus stays on Refresh
        browser.script("document.querySelector('button.refresh').focus()");
        press(Keys.ENTER);
        browser.waitUntil(
                d -> "false".equals(d.findElement(By.cssSelector(".deliveries")).getDomAttribute("aria-busy")));
        assertThat(focusIsIn("button.refresh")).isTrue();

        // the recover dialog opens on Cancel; Escape closes it and focus goes back
        browser.script("document.querySelector('button.recover-open').focus()");
        press(Keys.ENTER);
        browser.find(By.cssSelector("dialog[open]"));
        assertThat(focusIsIn("dialog[open] button[data-value='cancel']")).isTrue();
        press(Keys.ESCAPE);
        browser.waitUntil(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(focusIsIn("button.recover-open")).isTrue();

        // the list: delete opens on Cancel, rotate on Cancel with 24 hours chosen
        go("#/webhooks", "Webhooks");
        row(id);
        tabUntil("button.action-delete");
        press(Keys.ENTER);
        assertThat(focusIsIn("dialog[open] button[data-value='cancel']")).isTrue();
        press(Keys.ENTER);
        browser.waitUntil(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(focusIsIn("button.action-delete")).isTrue();
        assertThat(api.get("/v1/webhooks/" + id, tenant).status()).isEqualTo(200);

        browser.script("document.querySelector('button.action-rotate').focus()");
        press(Keys.ENTER);
        assertThat(focusIsIn("dialog[open] button[data-value='cancel']")).isTrue();
        assertThat(browser.find(By.cssSelector("dialog[open] input[data-grace='86400']"))
                        .isSelected())
                .isTrue();
        press(Keys.TAB);
        assertThat(focusIsIn("dialog[open] button[data-value='rotate']")).isTrue();
        press(Keys.ENTER);

        // the show-once secret: Escape cannot dismiss it, only "I have stored it"
        WebElement secretDialog = browser.find(By.cssSelector("dialog.secret-dialog[open]"));
        assertThat(focusIsIn("dialog[open] button.copy-secret")).isTrue();
        for (int i = 0; i < 3; i++) {
            press(Keys.ESCAPE);
            assertThat(browser.find(By.cssSelector("dialog.secret-dialog[open] .secret-value"))
                            .getDomProperty("value"))
                    .startsWith("whsec_");
        }
        assertThat(secretDialog.getDomAttribute("open")).isNotNull();
        tabUntil("dialog[open] button[data-value='done']");
        press(Keys.ENTER);
        browser.waitUntil(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(focusIsIn("button.action-rotate")).isTrue();
    }

    private void press(CharSequence key) {
        browser.driver().switchTo().activeElement().sendKeys(key);
    }

    /** Presses Tab until the focus is on an element matching the selector (at most 80 times). */
    private void tabUntil(String selector) {
        for (int i = 0; i < 80; i++) {
            if (focusIsIn(selector)) {
                return;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    @Test
    void axeFindsNoWcagViolationOnAnyPageOrDialogInEitherTheme() {
        TestTenant tenant = api.newTenant();
        // a site, so the form offers it as a button
        assertThat(api.post("/v1/sites", Map.of("code", "WEB", "name", "Webshop"), tenant)
                        .status())
                .isEqualTo(201);
        Map<String, Object> spec = webhook("Audited", "/audited", "order.placed", "customer.created");
        // a filter to show in the form, on the type not published here, so the order is delivered
        spec.put(
                "filters",
                List.of(Map.of(
                        "event",
                        "customer.created",
                        "property",
                        "data.code",
                        "operator",
                        "equals",
                        "values",
                        List.of("C-1"))));
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        receiver.byDefault(request -> Reply.json(500, "{\"reason\":\"nope\"}"));
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 1);
        List<String> violations = new ArrayList<>();

        browser.open(portal());
        browser.find(By.id("dev-sign-in"));
        violations.addAll(scan("sign-in"));
        signInAs(tenant);
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            for (String page : List.of(
                    "#/webhooks",
                    "#/webhooks/new",
                    "#/webhooks/" + id,
                    "#/webhooks/" + id + "/settings",
                    "#/webhooks/" + id + "/log",
                    "#/deliveries",
                    "#/catalog",
                    "#/catalog/order.placed",
                    "#/overview")) {
                browser.script("location.hash = arguments[0]", page);
                browser.waitUntil(
                        d -> d.findElements(By.cssSelector("main .loading")).isEmpty()
                                && !d.findElements(By.cssSelector("main h1")).isEmpty());
                if (page.endsWith("/log")) {
                    browser.click(By.cssSelector("tbody.delivery button.expand"));
                    browser.find(By.cssSelector("article.attempt"));
                    browser.click(By.cssSelector("details.legend summary"));
                }
                violations.addAll(scan(scheme + " " + page));
            }
            browser.script("location.hash = '#/webhooks'");
            row(id).findElement(By.cssSelector("button.action-rotate")).click();
            browser.find(By.cssSelector("dialog[open]"));
            violations.addAll(scan(scheme + " rotate dialog"));
            closeDialog("rotate");
            browser.find(By.cssSelector("dialog.secret-dialog[open]"));
            violations.addAll(scan(scheme + " secret dialog"));
            closeDialog("done");
        }
        assertThat(violations).isEmpty();
    }

    private List<String> scan(String page) {
        return browser.accessibilityViolations().stream()
                .map(v -> page + ": " + v)
                .toList();
    }
}
