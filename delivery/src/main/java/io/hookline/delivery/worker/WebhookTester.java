package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.DELIVERY;

import io.hookline.domain.event.Event;
import io.hookline.domain.event.EventOutbox;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/webhooks/{id}/test}: sends a {@code webhook.test} event to one webhook now,
 * in the caller's request, and answers what happened. The event and its delivery are logged
 * like any other, and the delivery is created already leased to this request, so the worker
 * never sends it a second time; its one attempt is final (never retried), so a flood of tests
 * leaves nothing queued.
 */
@Service
public class WebhookTester {

    private final WebhookRegistry webhooks;
    private final EventOutbox outbox;
    private final DeliveryStore store;
    private final AttemptRunner runner;
    private final DSLContext dsl;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;

    WebhookTester(
            WebhookRegistry webhooks,
            EventOutbox outbox,
            DeliveryStore store,
            AttemptRunner runner,
            DSLContext dsl,
            JsonMapper json,
            PlatformTransactionManager transactions,
            DeliveryProperties properties) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.store = store;
        this.runner = runner;
        this.dsl = dsl;
        this.json = json;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    public AttemptResult test(TenantId tenant, WebhookId webhook) {
        String deliveryId = Ids.next("dlv");
        transactions.executeWithoutResult(status -> {
            webhooks.get(tenant, webhook);
            var data = json.createObjectNode();
            data.put("webhookId", webhook.value());
            data.put("message", "This is a test event from Hookline.");
            Event event = outbox.emitWithoutFanOut(
                    tenant,
                    "webhook.test",
                    data,
                    io.hookline.tenancy.context.CallerContext.current()
                            .map(c -> c.subject())
                            .orElse(null));
            var now = Timestamps.now();
            dsl.insertInto(DELIVERY)
                    .set(DELIVERY.ID, deliveryId)
                    .set(DELIVERY.TENANT_ID, tenant.value())
                    .set(DELIVERY.WEBHOOK_ID, webhook.value())
                    .set(DELIVERY.EVENT_ID, event.id())
                    .set(DELIVERY.EVENT_TYPE, event.type())
                    .set(DELIVERY.STATUS, "delivering")
                    .set(DELIVERY.LEASE_UNTIL, now.plus(properties.lease()))
                    .set(DELIVERY.CREATED_AT, now)
                    .set(DELIVERY.UPDATED_AT, now)
                    .execute();
        });
        Record claim = runner.inWorkerTransaction(() -> store.claimOne(deliveryId, properties.lease()))
                .getFirst();
        return runner.attempt(claim, true);
    }
}
