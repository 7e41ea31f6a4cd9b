package io.hookline.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventCatalogTests {

    private static final List<String> SPEC_TYPES = List.of(
            "customer.created",
            "customer.updated",
            "customer.deleted",
            "customer.address.created",
            "customer.address.updated",
            "customer.address.deleted",
            "customer.contactperson.created",
            "customer.contactperson.updated",
            "customer.contactperson.deleted",
            "item.created",
            "item.updated",
            "item.deleted",
            "pricelist.created",
            "pricelist.deleted",
            "inventory.low",
            "order.placed",
            "order.updated",
            "order.approval_requested",
            "order.completed",
            "order.item.status_changed",
            "order.item.approved",
            "order.item.denied",
            "order.item.completed",
            "order.item.updated",
            "order.item.files_generated",
            "vendor.item.ready",
            "payment.received",
            "site.created",
            "site.user.created",
            "site.user.updated",
            "site.user.approval_requested",
            "page.form_submitted",
            "webhook.test",
            "webhook.disabled");

    /**
     * Types the spec does not list: what a mirror of the data needs, and the operational events
     * (see docs/decisions.md and docs/integrators.md).
     */
    private static final List<String> ADDED_TYPES = List.of(
            "site.updated",
            "site.deleted",
            "site.user.deleted",
            "pricelist.updated",
            "delivery.exhausted",
            "webhook.failing",
            "webhook.recovered");

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventCatalog catalog = new EventCatalog(json);

    @Test
    void theCatalogHoldsTheTypesOfTheSpecAndTheAddedOnesSortedByName() {
        List<String> names = catalog.all().stream().map(EventType::name).toList();
        assertThat(names)
                .containsAll(SPEC_TYPES)
                .containsAll(ADDED_TYPES)
                .hasSize(SPEC_TYPES.size() + ADDED_TYPES.size())
                .isSorted();
        assertThat(catalog.all())
                .allSatisfy(type -> assertThat(type.description()).isNotBlank().endsWith("."));
    }

    @Test
    void everySampleConformsToItsOwnSchema() {
        for (EventType type : catalog.all()) {
            assertThat(catalog.validate(type.name(), type.sample()))
                    .as(type.name())
                    .isEmpty();
        }
    }

    @Test
    void aSampleMissingARequiredFieldOrWithAWrongTypeIsRejectedNamingTheField() {
        ObjectNode order =
                (ObjectNode) catalog.find("order.placed").orElseThrow().sample().deepCopy();
        order.remove("customerId");
        ((ObjectNode) order.get("items").get(0)).put("quantity", "two");

        List<String> violations = catalog.validate("order.placed", order);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("customerId"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("quantity"));
    }

    @Test
    void moneyIdsAndCountriesAreChecked() {
        ObjectNode item =
                (ObjectNode) catalog.find("item.created").orElseThrow().sample().deepCopy();
        ((ObjectNode) item.get("price")).put("amount", "12,50");
        item.put("id", "itm_nope");
        ObjectNode address = (ObjectNode)
                catalog.find("customer.address.created").orElseThrow().sample().deepCopy();
        address.put("country", "Netherlands");

        assertThat(catalog.validate("item.created", item)).hasSize(2);
        assertThat(catalog.validate("customer.address.created", address))
                .singleElement()
                .asString()
                .contains("country");
    }

    @Test
    void anUnknownTypeIsNotFound() {
        JsonNode empty = json.createObjectNode();
        assertThat(catalog.find("order.exploded")).isEmpty();
        assertThat(catalog.contains("order.exploded")).isFalse();
        assertThat(catalog.validate("order.exploded", empty))
                .containsExactly("'order.exploded' is not in the event catalog");
    }
}
