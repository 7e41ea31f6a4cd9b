package io.hookline.api.openapi;

import io.hookline.tenancy.IdPrefix;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The longest value the node accepts in a parameter whose declaration cannot say it (a path
 * variable or query parameter read as a plain {@code String}), so the contract states every
 * bound a client meets. Each bound is one the node already enforces; a longer value is refused
 * as the parameter's description says, never read further.
 */
final class RequestBounds {

    /** The longest id: the longest prefix, {@code _} and a 26-character ULID ({@code site_…}). */
    static final int MAX_ID_LENGTH = Arrays.stream(IdPrefix.values())
                    .mapToInt(p -> p.value().length())
                    .max()
                    .orElseThrow()
            + 1
            + 26;

    /** The longest RFC 3339 date-time the node parses is far below this; anything longer is a 400. */
    static final int MAX_DATE_TIME_LENGTH = 64;

    /** Event type names are catalog names, all far below this; an unknown name is a 404 or a 422. */
    static final int MAX_EVENT_TYPE_LENGTH = 100;

    private static final Map<String, Integer> BY_NAME = Map.of(
            // CursorCodec refuses a longer cursor as malformed (400)
            "cursor", 2048,
            // EventController refuses a longer key (400)
            "Idempotency-Key", 255,
            "type", MAX_EVENT_TYPE_LENGTH,
            "eventType", MAX_EVENT_TYPE_LENGTH,
            "name", MAX_EVENT_TYPE_LENGTH);

    private static final Set<String> ID_QUERY_PARAMETERS = Set.of("webhookId", "eventId", "siteId");

    private RequestBounds() {}

    /** Adds the node's bound to a string parameter that has none (an enum or a length of its own wins). */
    @SuppressWarnings("rawtypes")
    static void bound(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || !isString(schema) || schema.getMaxLength() != null || schema.getEnum() != null) {
            return;
        }
        String name = parameter.getName();
        Integer max = BY_NAME.get(name);
        if (max == null && "date-time".equals(schema.getFormat())) {
            max = MAX_DATE_TIME_LENGTH;
        }
        if (max == null && ("path".equals(parameter.getIn()) || ID_QUERY_PARAMETERS.contains(name))) {
            // every other path variable is an id: a longer one names nothing (404)
            max = MAX_ID_LENGTH;
            if (schema.getPattern() == null) {
                schema.setPattern("^[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}$");
            }
        }
        if (max != null) {
            schema.setMaxLength(max);
        }
    }

    /** Webhook header values: the registry refuses one over 1024 characters (422). */
    @SuppressWarnings("rawtypes")
    static void boundHeaderValues(Components components) {
        for (String request : List.of("CreateWebhookRequest", "UpdateWebhookRequest")) {
            Schema body = components.getSchemas().get(request);
            Object headers = body == null || body.getProperties() == null
                    ? null
                    : body.getProperties().get("headers");
            Object values = headers instanceof Schema map ? map.getAdditionalProperties() : null;
            if (values instanceof Schema value) {
                value.setMaxLength(1024);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static boolean isString(Schema schema) {
        return "string".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }
}
