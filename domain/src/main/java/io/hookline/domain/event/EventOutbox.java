package io.hookline.domain.event;

import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.NewDelivery;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.domain.webhook.WebhookRoute;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import io.hookline.tenancy.context.CallerContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way an event comes into being. Called inside the transaction of the change that
 * caused it (it refuses to run outside one), it validates the data against the type's schema,
 * writes the event, and writes one due delivery per matching webhook — so a rolled-back change
 * leaves no event and no delivery, and a committed one is never lost.
 */
@Component
public class EventOutbox {

    /** {@code triggeredBy} of the events Hookline emits on its own. */
    public static final String SYSTEM = "system";

    private final EventRepository events;
    private final DeliveryQueue queue;
    private final EventCatalog catalog;
    private final TenantRegistry tenants;
    private final WebhookRegistry webhooks;
    private final JsonMapper json;

    EventOutbox(
            EventRepository events,
            DeliveryQueue queue,
            EventCatalog catalog,
            TenantRegistry tenants,
            WebhookRegistry webhooks,
            JsonMapper json) {
        this.events = events;
        this.queue = queue;
        this.catalog = catalog;
        this.tenants = tenants;
        this.webhooks = webhooks;
        this.json = json;
    }

    /** Emits an event of {@code type}; {@code triggeredBy} is the current caller's subject. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event emit(TenantId tenant, String type, JsonNode data, @Nullable String siteId) {
        return emit(tenant, type, data, siteId, callerSubject());
    }

    private static @Nullable String callerSubject() {
        return CallerContext.current().map(CallerContext.Caller::subject).orElse(null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Event emit(
            TenantId tenant, String type, JsonNode data, @Nullable String siteId, @Nullable String triggeredBy) {
        return write(tenant, type, data, siteId, triggeredBy, true, null, routesOf(tenant));
    }

    /**
     * Emits the events of one batch publish, in the caller's transaction: the routes of the
     * subscribed webhooks are read once per event type for the whole batch instead of once per
     * event (a batch changes no webhook; one changed meanwhile by another transaction is a race
     * either way, as it is between two single publishes).
     */
    public Batch batch(TenantId tenant) {
        return new Batch(tenant);
    }

    /** See {@link #batch}. */
    public final class Batch {

        private final TenantId tenant;
        private final Map<String, List<WebhookRoute>> routes = new HashMap<>();

        private Batch(TenantId tenant) {
            this.tenant = tenant;
        }

        /** As {@link EventOutbox#emit(TenantId, String, JsonNode, String)}. */
        public Event emit(String type, JsonNode data, @Nullable String siteId) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalTransactionStateException("a batch's events are emitted in its transaction");
            }
            return write(
                    tenant,
                    type,
                    data,
                    siteId,
                    callerSubject(),
                    true,
                    null,
                    eventType -> routes.computeIfAbsent(eventType, t -> webhooks.routes(tenant, t)));
        }
    }

    private Function<String, List<WebhookRoute>> routesOf(TenantId tenant) {
        return type -> webhooks.routes(tenant, type);
    }

    /**
     * Emits an operational event about one webhook ({@code webhook.failing}, {@code
     * delivery.exhausted}, …), triggered by {@code system}: it fans out to the tenant's other
     * subscribed webhooks, never to {@code aboutWebhookId} itself, even when it subscribes, so a
     * failing webhook is not sent news of its own failures (which it would likely fail too).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event emitAbout(TenantId tenant, String type, JsonNode data, String aboutWebhookId) {
        if (!EventCatalog.isOperational(type)) {
            throw new IllegalArgumentException(type + " is not an operational event type");
        }
        return write(tenant, type, data, null, SYSTEM, true, aboutWebhookId, routesOf(tenant));
    }

    /**
     * Writes an event meant for one webhook only (the test endpoint's): no fan-out; the caller
     * makes the single delivery itself. Its envelope says {@code "test": true}, so a receiver,
     * or a reader of the event log, tells a test sample from a real change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Event emitWithoutFanOut(TenantId tenant, String type, JsonNode data, @Nullable String triggeredBy) {
        return write(tenant, type, data, null, triggeredBy, false, null, routesOf(tenant));
    }

    private Event write(
            TenantId tenant,
            String type,
            JsonNode data,
            @Nullable String siteId,
            @Nullable String triggeredBy,
            boolean fanOut,
            @Nullable String exceptWebhookId,
            Function<String, List<WebhookRoute>> routes) {
        List<String> violations = catalog.validate(type, data);
        if (!violations.isEmpty()) {
            List<DomainException.FieldError> errors = new ArrayList<>();
            violations.forEach(
                    v -> errors.add(new DomainException.FieldError(catalog.contains(type) ? "data" : "type", v)));
            throw new DomainException.Invalid(errors);
        }
        Tenant owner = tenants.lookup(tenant)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenant + " does not exist"));
        var now = Timestamps.now();
        EventId id = EventId.next();
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", id.value());
        envelope.put("type", type);
        envelope.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now));
        envelope.put("tenantId", tenant.value());
        envelope.put("administrationCode", owner.administrationCode());
        envelope.put("siteId", siteId);
        envelope.put("triggeredBy", triggeredBy);
        if (!fanOut) {
            envelope.put("test", true);
        }
        envelope.set("data", data);
        Event event = new Event(id, tenant.value(), type, siteId, triggeredBy, now, json.writeValueAsString(envelope));
        // Every refusal comes before the first write: a batch publishes its events without
        // savepoints (EventPublisher.publishAll), so a refusal from here on would leave half an
        // event behind. It is an unexpected failure instead, which rolls back the batch.
        try {
            events.insert(event);
            if (fanOut) {
                fanOut(tenant, event, envelope, exceptWebhookId, routes);
            }
        } catch (DomainException refusedAfterWriting) {
            throw new IllegalStateException("refused after writing event " + id.value(), refusedAfterWriting);
        }
        return event;
    }

    private void fanOut(
            TenantId tenant,
            Event event,
            JsonNode envelope,
            @Nullable String exceptWebhookId,
            Function<String, List<WebhookRoute>> routes) {
        List<NewDelivery> deliveries = new ArrayList<>();
        for (WebhookRoute route : routes.apply(event.type())) {
            if (!route.id().value().equals(exceptWebhookId)
                    && WebhookMatcher.matches(route, event.type(), event.siteId(), envelope)) {
                deliveries.add(new NewDelivery(DeliveryId.next(), route.id().value(), route.ordered()));
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        queue.enqueue(tenant, event.id(), event.type(), event.createdAt(), deliveries);
    }
}
