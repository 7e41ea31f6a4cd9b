package io.hookline.domain.webhook;

import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import org.jspecify.annotations.Nullable;

/** A webhook's id, {@code wh_} + ULID. */
public record WebhookId(String value) {

    public WebhookId {
        if (!Ids.isValid(IdPrefix.WEBHOOK, value)) {
            throw new IllegalArgumentException("not a webhook id");
        }
    }

    public static WebhookId next() {
        return new WebhookId(Ids.next(IdPrefix.WEBHOOK));
    }

    /** The id, or null when {@code value} is not shaped like one (which callers answer as 404). */
    public static @Nullable WebhookId parse(String value) {
        return Ids.isValid(IdPrefix.WEBHOOK, value) ? new WebhookId(value) : null;
    }

    /** The id from a URL path; a value not shaped like one is a webhook that does not exist (404). */
    public static WebhookId fromPath(String value) {
        WebhookId id = parse(value);
        if (id == null) {
            throw new io.hookline.domain.problem.DomainException.NotFound("webhook", value);
        }
        return id;
    }

    @Override
    public String toString() {
        return value;
    }
}
