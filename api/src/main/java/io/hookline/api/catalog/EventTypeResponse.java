package io.hookline.api.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

@Schema(description = "An event type of the catalog")
public record EventTypeResponse(
        @Schema(example = "order.placed") String name,
        String description,

        @Schema(description = "JSON Schema (2020-12) of the event's data")
        Map<String, Object> schema) {}
