package io.hookline.domain.notification;

import java.util.Arrays;
import java.util.Optional;

/** What a notification reports; named after the operational event of the same change. */
public enum NotificationKind {
    WEBHOOK_DISABLED("webhook.disabled"),
    DELIVERY_EXHAUSTED("delivery.exhausted"),
    WEBHOOK_RECOVERED("webhook.recovered");

    private final String literal;

    NotificationKind(String literal) {
        this.literal = literal;
    }

    /** The column value, also the event type and the API's {@code type}. */
    public String literal() {
        return literal;
    }

    public static Optional<NotificationKind> of(String literal) {
        return Arrays.stream(values()).filter(k -> k.literal.equals(literal)).findFirst();
    }
}
