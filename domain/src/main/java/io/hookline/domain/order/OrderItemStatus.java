package io.hookline.domain.order;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The life of an order line. Lines move forward only, along pending → approved → in_production →
 * files_generated → ready → completed, and may skip steps; only a pending line can be denied;
 * denied and completed are final. A line of an order that requires approval must be approved
 * (or denied) before anything else.
 */
public enum OrderItemStatus {
    PENDING,
    APPROVED,
    DENIED,
    IN_PRODUCTION,
    FILES_GENERATED,
    READY,
    COMPLETED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrderItemStatus> parse(@Nullable String value) {
        return Arrays.stream(values())
                .filter(status -> status.value().equals(value))
                .findFirst();
    }

    static String targets() {
        return Arrays.stream(values())
                .filter(status -> status != PENDING)
                .map(OrderItemStatus::value)
                .collect(Collectors.joining(", "));
    }

    public boolean isFinal() {
        return this == DENIED || this == COMPLETED;
    }

    /** Why a line in this status cannot move to {@code next}, or null when it can. */
    @Nullable
    String refusal(OrderItemStatus next, boolean requiresApproval) {
        if (isFinal()) {
            return "the line is " + value() + ", which is final";
        }
        if (next == this) {
            return "the line is already " + value();
        }
        if (next == PENDING) {
            return "a line cannot go back to pending";
        }
        if (next == DENIED) {
            return this == PENDING ? null : "only a pending line can be denied; this one is " + value();
        }
        if (this == PENDING && requiresApproval && next != APPROVED) {
            return "the order requires approval: approve or deny the line first";
        }
        return next.ordinal() > ordinal() ? null : "a line cannot go back from " + value() + " to " + next.value();
    }
}
