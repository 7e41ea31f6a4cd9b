package io.hookline.delivery.worker;

import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.catalog.EventType;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.event.Event;
import io.hookline.domain.event.EventOutbox;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.TenantId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/webhooks/{id}/test}: sends a {@code webhook.test} event (or a sample of any
 * catalog type, its data taken from the catalog) to one webhook now, in the caller's request,
 * and answers what happened. The envelope says {@code "test": true}. The event and its delivery are logged
 * like any other, and the delivery is created already leased to this request, so the worker
 * never sends it a second time; its one attempt is final (never retried), so a flood of tests
 * leaves nothing queued.
 */
@Service
public class WebhookTester {

    static final String TEST_TYPE = "webhook.test";

    private final WebhookRegistry webhooks;
    private final EventOutbox outbox;
    private final DeliveryQueue queue;
    private final AttemptRunner runner;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final EventCatalog catalog;

    WebhookTester(
            WebhookRegistry webhooks,
            EventOutbox outbox,
            DeliveryQueue queue,
            AttemptRunner runner,
            JsonMapper json,
            PlatformTransactionManager transactions,
            DeliveryProperties properties,
            EventCatalog catalog) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.queue = queue;
        this.runner = runner;
        this.json = json;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
        this.catalog = catalog;
    }

    /** Sends {@code webhook.test} when {@code eventType} is null, else a sample of that catalog type. */
    public AttemptResult test(TenantId tenant, WebhookId webhook, @Nullable String eventType) {
        EventType sampled = null;
        if (eventType != null && !eventType.equals(TEST_TYPE)) {
            sampled = catalog.find(eventType)
                    .orElseThrow(() -> new DomainException.Invalid(List.of(new DomainException.FieldError(
                            "eventType", "'" + eventType + "' is not in the event catalog (GET /v1/event-types)"))));
        }
        EventType sample = sampled;
        DeliveryId deliveryId = DeliveryId.next();
        transactions.executeWithoutResult(status -> {
            webhooks.get(tenant, webhook);
            var data = json.createObjectNode();
            data.put("webhookId", webhook.value());
            data.put("message", "This is a test event from Hookline.");
            Event event = outbox.emitWithoutFanOut(
                    tenant,
                    sample == null ? TEST_TYPE : sample.name(),
                    sample == null ? data : sample.sample().deepCopy(),
                    io.hookline.tenancy.context.CallerContext.current()
                            .map(c -> c.subject())
                            .orElse(null));
            queue.enqueueLeased(tenant, deliveryId, webhook.value(), event.id(), event.type(), properties.lease());
        });
        Claim claim = runner.inWorkerTransaction(() -> queue.claimOne(deliveryId, properties.lease()))
                .orElseThrow();
        return runner.attempt(claim, true);
    }
}
