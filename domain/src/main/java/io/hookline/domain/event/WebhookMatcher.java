package io.hookline.domain.event;

import io.hookline.domain.webhook.WebhookFilter;
import io.hookline.domain.webhook.WebhookRoute;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Whether a webhook wants an event of a type it subscribes to (the routes' query chose enabled
 * webhooks subscribed to the type): it covers the event's site (no sites = all sites), and every
 * filter on that type holds against the envelope.
 */
final class WebhookMatcher {

    private WebhookMatcher() {}

    static boolean matches(WebhookRoute route, String type, @Nullable String siteId, JsonNode envelope) {
        if (!route.sites().isEmpty() && (siteId == null || !route.sites().contains(siteId))) {
            return false;
        }
        for (WebhookFilter filter : route.filters()) {
            if (filter.event().equals(type) && !holds(filter, envelope)) {
                return false;
            }
        }
        return true;
    }

    /** A filter compares the text of the value at its path; a missing value equals nothing. */
    static boolean holds(WebhookFilter filter, JsonNode envelope) {
        String value = valueAt(envelope, filter.property());
        boolean listed = value != null && filter.values().contains(value);
        return switch (filter.operator()) {
            case EQUALS, IN -> listed;
            case NOT_EQUALS, NOT_IN -> !listed;
        };
    }

    private static @Nullable String valueAt(JsonNode envelope, String path) {
        JsonNode node = envelope;
        for (String segment : path.split("\\.")) {
            node = node.isArray() && segment.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(segment))
                    : node.get(segment);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
