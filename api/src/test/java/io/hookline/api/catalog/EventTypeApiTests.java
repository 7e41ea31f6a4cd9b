package io.hookline.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventTypeApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void theCatalogListsEveryTypeWithItsSchemaPageByPage() {
        TestTenant tenant = api.newTenant();
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/v1/event-types?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), tenant);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode type : page.json().get("data")) {
                names.add(type.get("name").asString());
                assertThat(type.get("description").asString()).isNotBlank();
                assertThat(type.get("schema").get("type").asString()).isEqualTo("object");
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null);

        assertThat(names)
                .isSorted()
                .doesNotHaveDuplicates()
                .contains(
                        "customer.created",
                        "customer.address.deleted",
                        "customer.contactperson.updated",
                        "item.deleted",
                        "pricelist.created",
                        "inventory.low",
                        "order.placed",
                        "order.approval_requested",
                        "order.item.files_generated",
                        "vendor.item.ready",
                        "payment.received",
                        "site.user.approval_requested",
                        "page.form_submitted",
                        "webhook.test",
                        "webhook.disabled",
                        "webhook.failing",
                        "webhook.recovered",
                        "delivery.exhausted");
        assertThat(names).hasSize(41);
    }

    @Test
    void aSampleIsAFullEnvelopeForTheCallingTenant() {
        TestTenant tenant = api.newTenant();
        Response sample = api.get("/v1/event-types/order.placed/sample", tenant);

        assertThat(sample.status()).isEqualTo(200);
        JsonNode envelope = sample.json();
        assertThat(envelope.get("id").asString()).startsWith("evt_");
        assertThat(envelope.get("type").asString()).isEqualTo("order.placed");
        assertThat(envelope.get("tenantId").asString()).isEqualTo(tenant.id());
        assertThat(envelope.get("administrationCode").asString()).isEqualTo(tenant.code());
        assertThat(envelope.get("data").get("items").isArray()).isTrue();
        assertThat(api.get("/v1/event-types/order.exploded/sample", tenant).status())
                .isEqualTo(404);
    }
}
