package io.hookline.domain.event;

import io.hookline.tenancy.EventId;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** One immutable occurrence; {@code body} is the envelope exactly as it is delivered. */
public record Event(
        EventId id,
        String tenantId,
        String type,
        @Nullable String siteId,
        @Nullable String triggeredBy,
        OffsetDateTime createdAt,
        String body) {}
