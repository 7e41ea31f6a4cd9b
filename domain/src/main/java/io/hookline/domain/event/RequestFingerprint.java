package io.hookline.domain.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SHA-256 of a publish request's meaning (type, siteId, data), remembered with its
 * idempotency key. It compares JSON semantically: object keys in any order and numbers in any
 * notation ({@code 1}, {@code 1.0}, {@code 1e0}) give the same fingerprint, so a client that
 * re-serialises the same request on a retry is not refused.
 */
final class RequestFingerprint {

    private RequestFingerprint() {}

    static String of(JsonMapper json, String type, @Nullable String siteId, JsonNode data) {
        ObjectNode request = json.createObjectNode();
        request.put("type", type);
        request.put("siteId", siteId);
        request.set("data", canonical(json, data));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(canonical(json, request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonMapper json, JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(property -> sorted.put(property.getKey(), canonical(json, property.getValue())));
            ObjectNode copy = json.createObjectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(canonical(json, element)));
            return copy;
        }
        if (node.isNumber()) {
            return json.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
