package io.hookline.domain.event;

import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events published by other platform services ({@code POST /v1/events}), with an
 * {@code Idempotency-Key} that makes a retried publish return the first event for 24 hours;
 * and reading a tenant's events back.
 */
@Service
public class EventPublisher {

    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /** Publishes allowed in one batch call. */
    public static final int MAX_BATCH = 100;

    private final EventOutbox outbox;
    private final EventRepository events;
    private final EventCatalog catalog;
    private final JsonMapper json;

    EventPublisher(EventOutbox outbox, EventRepository events, EventCatalog catalog, JsonMapper json) {
        this.outbox = outbox;
        this.events = events;
        this.catalog = catalog;
        this.json = json;
    }

    /** The event, and whether this call created it (false: the key's earlier event). */
    public record Published(Event event, boolean created) {}

    /** One event of a batch, as a single publish would take it. */
    public record Publication(
            String type,
            JsonNode data,
            @Nullable String siteId,
            @Nullable String idempotencyKey) {}

    /** What became of one publication of a batch: exactly one of the two is set. */
    public record Outcome(
            @Nullable Published published, @Nullable DomainException refusal) {}

    /**
     * Publishes an event of a catalog type that is not reserved for Hookline ({@code webhook.*}).
     * Under an idempotency key used in the last 24 h, the same request (type, siteId and data,
     * compared as JSON) answers the first event; a different one is refused, since answering it
     * with an event it did not describe would tell the client its new event exists.
     */
    @Transactional
    public Published publish(
            TenantId tenant, String type, JsonNode data, @Nullable String siteId, @Nullable String idempotencyKey) {
        return publishOne(tenant, type, data, siteId, idempotencyKey, (t, d, s) -> outbox.emit(tenant, t, d, s));
    }

    /**
     * Publishes each publication exactly as {@link #publish} would, all-or-nothing per
     * publication: a refused one leaves nothing behind and does not stop the others. They share
     * one transaction, so a batch waits for one durable commit instead of one per event; a key
     * used twice in the batch behaves as it would in two calls in a row. No savepoint is needed
     * (each would cost two round trips per event): a publication is only ever refused before
     * its first write — the reserved type, the idempotency key's earlier use (read under the
     * key's lock) and the data's validation all come first, and {@link EventOutbox} refuses
     * nothing once it has started to write. A refusal after a write would leave half a
     * publication behind, so it is turned into an unexpected failure, which, like any other,
     * rolls back the whole batch. A refused publication with a key keeps the key's lock until the
     * batch ends (docs/decisions.md, "One transaction, no savepoints").
     */
    @Transactional
    public List<Outcome> publishAll(TenantId tenant, List<Publication> publications) {
        if (publications.isEmpty() || publications.size() > MAX_BATCH) {
            throw new DomainException.Invalid("events", "must hold 1 to " + MAX_BATCH + " events");
        }
        List<Outcome> outcomes = new ArrayList<>(publications.size());
        EventOutbox.Batch batch = outbox.batch(tenant);
        for (Publication p : publications) {
            boolean[] emitted = {false};
            Emitter emitter = (type, data, siteId) -> {
                Event event = batch.emit(type, data, siteId);
                emitted[0] = true;
                return event;
            };
            try {
                Published published = publishOne(tenant, p.type(), p.data(), p.siteId(), p.idempotencyKey(), emitter);
                outcomes.add(new Outcome(Objects.requireNonNull(published), null));
            } catch (DomainException refused) {
                if (emitted[0]) {
                    throw new IllegalStateException("a publication was refused after its event was written", refused);
                }
                outcomes.add(new Outcome(null, refused));
            }
        }
        return outcomes;
    }

    /** How {@link #publishOne} has its event emitted: alone, or as one of a batch. */
    @FunctionalInterface
    private interface Emitter {
        Event emit(String type, JsonNode data, @Nullable String siteId);
    }

    private Published publishOne(
            TenantId tenant,
            String type,
            JsonNode data,
            @Nullable String siteId,
            @Nullable String idempotencyKey,
            Emitter emitter) {
        if (EventCatalog.isReserved(type)) {
            throw new DomainException.Refused(
                    DomainException.RefusalCode.RESERVED_EVENT_TYPE,
                    "type",
                    "'" + type
                            + "' is reserved: webhook.* and delivery.* events are sent by Hookline itself and cannot be published");
        }
        if (idempotencyKey == null) {
            return new Published(emitter.emit(type, data, siteId), true);
        }
        events.lockIdempotencyKey(tenant, idempotencyKey);
        OffsetDateTime now = Timestamps.now();
        String fingerprint = RequestFingerprint.of(json, type, siteId, data);
        Optional<EventRepository.KeyUse> use = events.keyUse(tenant, idempotencyKey, now);
        Optional<Event> earlier = use.flatMap(u -> events.find(tenant, u.eventId()));
        if (use.isPresent() && earlier.isPresent()) {
            String remembered = use.get().fingerprint();
            if (remembered != null && !remembered.equals(fingerprint)) {
                throw new DomainException.Refused(
                        DomainException.RefusalCode.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key",
                        "this Idempotency-Key was used in the last 24 h for a different request (type, siteId or"
                                + " data); send a new key for a new event");
            }
            return new Published(earlier.get(), false);
        }
        Event event = emitter.emit(type, data, siteId);
        events.rememberKey(tenant, idempotencyKey, fingerprint, event.id(), now.plus(IDEMPOTENCY_WINDOW));
        return new Published(event, true);
    }

    @Transactional(readOnly = true)
    public Event get(TenantId tenant, String id) {
        return events.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("event", id));
    }

    /**
     * A type outside the catalog is refused rather than answered with an empty list: a typo
     * ({@code order.placd}) would otherwise look like "no such events".
     */
    @Transactional(readOnly = true)
    public Page<Event> list(
            TenantId tenant, @Nullable String type, @Nullable OffsetDateTime createdAfter, PageRequest page) {
        if (type != null && !catalog.contains(type)) {
            throw new DomainException.Invalid(
                    "type", "'" + type + "' is not in the event catalog (GET /v1/event-types)");
        }
        List<Event> fetched = events.list(tenant, type, createdAfter, page.afterId(), page.limit() + 1);
        return Page.of(fetched, page.limit(), event -> List.of(event.id().value()));
    }
}
