package io.hookline.domain.event;

import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Events published by other platform services ({@code POST /v1/events}), with an
 * {@code Idempotency-Key} that makes a retried publish return the first event for 24 hours;
 * and reading a tenant's events back.
 */
@Service
public class EventPublisher {

    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final EventOutbox outbox;
    private final EventRepository events;

    EventPublisher(EventOutbox outbox, EventRepository events) {
        this.outbox = outbox;
        this.events = events;
    }

    /** The event, and whether this call created it (false: the key's earlier event). */
    public record Published(Event event, boolean created) {}

    @Transactional
    public Published publish(
            TenantId tenant, String type, JsonNode data, @Nullable String siteId, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Published(outbox.emit(tenant, type, data, siteId), true);
        }
        events.lockIdempotencyKey(tenant, idempotencyKey);
        OffsetDateTime now = Timestamps.now();
        Optional<Event> earlier =
                events.eventForKey(tenant, idempotencyKey, now).flatMap(id -> events.find(tenant, id));
        if (earlier.isPresent()) {
            return new Published(earlier.get(), false);
        }
        Event event = outbox.emit(tenant, type, data, siteId);
        events.rememberKey(tenant, idempotencyKey, event.id(), now.plus(IDEMPOTENCY_WINDOW));
        return new Published(event, true);
    }

    @Transactional(readOnly = true)
    public Event get(TenantId tenant, String id) {
        return events.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("event", id));
    }

    @Transactional(readOnly = true)
    public Page<Event> list(
            TenantId tenant, @Nullable String type, @Nullable OffsetDateTime createdAfter, PageRequest page) {
        List<Event> fetched = events.list(tenant, type, createdAfter, page.afterId(), page.limit() + 1);
        return Page.of(fetched, page.limit(), event -> List.of(event.id()));
    }
}
