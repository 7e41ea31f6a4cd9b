package io.hookline.domain.catalog;

import tools.jackson.databind.JsonNode;

/** A kind of event: its name, what it means, the JSON Schema of its {@code data}, and a sample {@code data}. */
public record EventType(String name, String description, JsonNode schema, JsonNode sample) {}
