package io.hookline.domain.order;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an order stands; derived from its lines (see {@link Order#derivedStatus}). */
public enum OrderStatus {
    /** It requires approval and a line is still pending. */
    PENDING_APPROVAL,
    OPEN,
    /** Every line that was not denied is completed. Final. */
    COMPLETED,
    /** Cancelled by {@code DELETE}, or every line was denied. Final. */
    CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OrderStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
