package io.hookline.domain.catalog;

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

    private final Map<String, EventType> types;

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
}
