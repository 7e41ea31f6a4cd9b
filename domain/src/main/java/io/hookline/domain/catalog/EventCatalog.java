package io.hookline.domain.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalog of event types, read once at start-up and never changed while running. */
@Component
public class EventCatalog {

    static final String RESOURCE = "/catalog/event-types.json";
    private static final List<String> OPERATIONAL_PREFIXES = List.of("webhook.", "delivery.");

    private final Map<String, EventType> types;
    private final Map<String, Schema> schemas;

    public EventCatalog(JsonMapper json) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("event catalog " + RESOURCE + " is missing from the classpath");
            }
            Map<String, EventType> loaded = new LinkedHashMap<>();
            for (JsonNode node : json.readTree(in)) {
                EventType type = new EventType(
                        node.required("name").asString(),
                        node.required("description").asString(),
                        node.required("schema"),
                        node.required("sample"));
                if (loaded.put(type.name(), type) != null) {
                    throw new IllegalStateException("event type " + type.name() + " is listed twice in the catalog");
                }
            }
            this.types = loaded;
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            Map<String, Schema> compiled = new LinkedHashMap<>();
            loaded.forEach((name, type) -> compiled.put(name, registry.getSchema(type.schema())));
            this.schemas = compiled;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the event catalog", e);
        }
    }

    /** Every event type, by name. */
    public List<EventType> all() {
        return types.values().stream()
                .sorted(Comparator.comparing(EventType::name))
                .toList();
    }

    public Optional<EventType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public boolean contains(String name) {
        return types.containsKey(name);
    }

    /**
     * Whether only Hookline itself may emit events of this type: the operational ones,
     * {@code webhook.*} and {@code delivery.*} (today {@code webhook.test}, {@code webhook.disabled},
     * {@code webhook.failing}, {@code webhook.recovered}, {@code delivery.exhausted}), and any added
     * later under those prefixes. Receivers act on them (a disabled notice pages someone), so a
     * tenant must not be able to forge one.
     */
    public static boolean isReserved(String type) {
        return isOperational(type);
    }

    /**
     * Whether events of this type are about the platform itself rather than the tenant's data:
     * {@code webhook.*} and {@code delivery.*}. A delivery of one of them that fails for good
     * emits no {@code delivery.exhausted}, so two failing webhooks cannot feed each other events.
     */
    public static boolean isOperational(String type) {
        for (String prefix : OPERATIONAL_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What is wrong with {@code data} as the data of a {@code type} event, one message per
     * violation naming the place ({@code $.items[0].quantity: …}); empty when it conforms.
     */
    public List<String> validate(String type, JsonNode data) {
        Schema schema = schemas.get(type);
        if (schema == null) {
            return List.of("'" + type + "' is not in the event catalog");
        }
        return schema.validate(data).stream().map(Error::toString).toList();
    }
}
