package io.hookline.api.event;

import io.hookline.domain.event.Event;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Schema(description = "An event and the envelope its deliveries carry")
public record EventResponse(
        @Schema(example = "evt_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        @Schema(example = "order.placed") String type,
        @Schema(nullable = true) @Nullable String siteId,
        @Schema(nullable = true) @Nullable String triggeredBy,
        OffsetDateTime createdAt,

        @Schema(description = "The envelope exactly as delivered")
        Map<String, Object> envelope) {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    static EventResponse of(Event event, JsonMapper json) {
        return new EventResponse(
                event.id().value(),
                event.type(),
                event.siteId(),
                event.triggeredBy(),
                event.createdAt(),
                json.readValue(event.body(), MAP));
    }
}
