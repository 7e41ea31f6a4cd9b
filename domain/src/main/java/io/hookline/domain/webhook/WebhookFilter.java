package io.hookline.domain.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        @JsonProperty("equals")
        EQUALS,
        @JsonProperty("not_equals")
        NOT_EQUALS,
        @JsonProperty("in")
        IN,
        @JsonProperty("not_in")
        NOT_IN;

        /** Whether the operator compares with exactly one value. */
        public boolean single() {
            return this == EQUALS || this == NOT_EQUALS;
        }
    }
}
