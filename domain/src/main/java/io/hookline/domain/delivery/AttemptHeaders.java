package io.hookline.domain.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How an attempt's request headers are kept in the log. Most of the ~15 headers of a request
 * follow from the delivery, its event and the attempt number; storing them in every attempt
 * would make them the bulk of the log. So an attempt keeps only the headers that do not follow
 * (timestamp, signatures, the webhook's own headers, masked), plus {@link #MARKER}; reading it
 * back puts the derived ones in again. An attempt logged before this (no marker) holds its full
 * map and is shown as stored.
 *
 * <p>The derived values of format {@code v1} are fixed here for good: if what a request carries
 * ever changes (another {@code User-Agent}), the writer finds that the value differs from the
 * derived one and stores it, so older attempts still read back what they sent.
 */
public final class AttemptHeaders {

    /** Not a valid header name ('@' is no token character), so it never collides with one. */
    public static final String MARKER = "@derived";

    private static final String FORMAT = "v1";

    /*
     * The order in which PostgreSQL's jsonb keeps (and prints) an object's keys: shorter first,
     * then byte by byte. The log has always shown headers read back from jsonb in this order.
     */
    private static final Comparator<String> JSONB_ORDER = Comparator.<String>comparingInt(
                    key -> key.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing(key -> key.getBytes(StandardCharsets.UTF_8), (a, b) -> Arrays.compareUnsigned(a, b));

    private AttemptHeaders() {}

    /**
     * What to store of the headers an attempt {@code sent} (already masked): those that the
     * read cannot derive, and the marker. If a derived header was not sent at all, the read
     * would invent it, so the map is then stored whole.
     */
    public static Map<String, String> toStore(
            Map<String, String> sent, String eventId, String eventType, @Nullable String triggeredBy, int attempt) {
        Map<String, String> derived = derived(eventId, eventType, triggeredBy, attempt);
        if (!sent.keySet().containsAll(derived.keySet()) || sent.containsKey(MARKER)) {
            return sent;
        }
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put(MARKER, FORMAT);
        sent.forEach((name, value) -> {
            if (!value.equals(derived.get(name))) {
                stored.put(name, value);
            }
        });
        return stored;
    }

    /**
     * The headers an attempt sent, from what was stored: the derived ones put back for an
     * attempt stored with the marker, in the order the log has always shown them.
     */
    public static Map<String, String> shown(
            Map<String, String> stored, String eventId, String eventType, @Nullable String triggeredBy, int attempt) {
        String format = stored.get(MARKER);
        if (format == null) {
            return stored;
        }
        if (!format.equals(FORMAT)) {
            throw new IllegalStateException("unknown attempt header format " + format);
        }
        Map<String, String> all = new HashMap<>(derived(eventId, eventType, triggeredBy, attempt));
        stored.forEach((name, value) -> {
            if (!name.equals(MARKER)) {
                all.put(name, value);
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        all.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(JSONB_ORDER))
                .forEach(header -> ordered.put(header.getKey(), header.getValue()));
        return ordered;
    }

    /**
     * The headers of format {@code v1} that follow from the delivery: the event's id, type and
     * author, the attempt number and two constants. Not the administration code: the tenant's
     * can change after the attempt.
     */
    private static Map<String, String> derived(
            String eventId, String eventType, @Nullable String triggeredBy, int attempt) {
        Map<String, String> derived = new HashMap<>();
        derived.put("Content-Type", "application/json");
        derived.put("User-Agent", "Hookline-Webhooks/0.1");
        derived.put("webhook-id", eventId);
        derived.put("X-Event-Id", eventId);
        derived.put("X-Event-Type", eventType);
        if (triggeredBy != null) {
            derived.put("X-TriggeredBy-Id", triggeredBy);
        }
        derived.put("X-Delivery-Attempt", Integer.toString(attempt));
        return derived;
    }
}
