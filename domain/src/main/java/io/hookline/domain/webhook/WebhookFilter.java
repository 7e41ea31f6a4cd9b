package io.hookline.domain.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A condition on events of one type: the value at {@code property} (a dotted path into the
 * delivered envelope, e.g. {@code data.total}) compared with {@code values}. All filters of
 * an event type must match for the event to be delivered.
 */
public record WebhookFilter(String event, String property, Operator operator, List<String> values) {

    public WebhookFilter {
        values = List.copyOf(values);
    }

    public enum Operator {
        EQUALS,
        NOT_EQUALS,
        IN,
        NOT_IN;

        @JsonValue
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        public static Operator fromValue(String value) {
            for (Operator operator : values()) {
                if (operator.value().equals(value)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown operator " + value + "; use equals, not_equals, in or not_in");
        }

        /** Whether the operator compares with exactly one value. */
        public boolean single() {
            return this == EQUALS || this == NOT_EQUALS;
        }
    }
}
