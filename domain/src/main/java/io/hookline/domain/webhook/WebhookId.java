package io.hookline.domain.webhook;

import io.hookline.tenancy.Ids;
import org.jspecify.annotations.Nullable;

/** A webhook's id, {@code wh_} + ULID. */
public record WebhookId(String value) {

    public static final String PREFIX = "wh";

    public WebhookId {
        if (!Ids.isValid(PREFIX, value)) {
            throw new IllegalArgumentException("not a webhook id");
        }
    }

    public static WebhookId next() {
        return new WebhookId(Ids.next(PREFIX));
    }

    /** The id, or null when {@code value} is not shaped like one (which callers answer as 404). */
    public static @Nullable WebhookId parse(String value) {
        return Ids.isValid(PREFIX, value) ? new WebhookId(value) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
