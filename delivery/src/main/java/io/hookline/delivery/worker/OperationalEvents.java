package io.hookline.delivery.worker;

import io.hookline.delivery.notify.MailOutbox;
import io.hookline.delivery.notify.NotificationProperties;
import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.event.EventOutbox;
import io.hookline.domain.notification.NotificationInbox;
import io.hookline.domain.notification.NotificationKind;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the worker tells the tenant when a webhook's health changes: the operational events
 * ({@code delivery.exhausted}, {@code webhook.failing}, {@code webhook.recovered},
 * {@code webhook.disabled}) to the tenant's other subscribed webhooks, and the notifications a
 * person reads (and is e-mailed). Always in the worker transaction that made the change (the
 * outbox rule), called only on a transition, never per attempt.
 *
 * <p>Storms are ruled out by construction: an event about a webhook never goes to that webhook;
 * a delivery of an operational event that fails for good emits no {@code delivery.exhausted}
 * (else two webhooks failing each other's notices would feed each other for ever);
 * {@code webhook.failing} comes at most once per {@code hookline.notifications.failing-interval}
 * per webhook, {@code webhook.recovered} only after an announced {@code webhook.failing}, and
 * {@code webhook.disabled} once per disable. Notifications are limited to one per webhook and
 * kind per {@code hookline.notifications.interval}.
 */
@Component
class OperationalEvents {

    private final EventOutbox outbox;
    private final NotificationInbox inbox;
    private final NotificationProperties properties;
    private final ObjectProvider<MailOutbox> mail;
    private final DeliveryQueue queue;
    private final JsonMapper json;

    OperationalEvents(
            EventOutbox outbox,
            NotificationInbox inbox,
            NotificationProperties properties,
            ObjectProvider<MailOutbox> mail,
            DeliveryQueue queue,
            JsonMapper json) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.properties = properties;
        this.mail = mail;
        this.queue = queue;
        this.json = json;
    }

    /** A delivery that used all its attempts and is now {@code failed}. */
    record Exhausted(
            String tenantId,
            String webhookId,
            String deliveryId,
            String eventId,
            String eventType,
            int attemptCount,
            @Nullable Integer lastResponseStatus,
            @Nullable String lastError) {}

    void exhausted(Exhausted delivery) {
        if (delivery.eventType().equals(WebhookTester.TEST_TYPE)) {
            // the test endpoint answered its caller with the result; its one attempt is final by design
            return;
        }
        TenantId tenant = new TenantId(delivery.tenantId());
        if (!EventCatalog.isOperational(delivery.eventType())) {
            ObjectNode data = json.createObjectNode();
            data.put("deliveryId", delivery.deliveryId());
            data.put("webhookId", delivery.webhookId());
            data.put("eventId", delivery.eventId());
            data.put("eventType", delivery.eventType());
            data.put("attemptCount", delivery.attemptCount());
            data.put("lastResponseStatus", delivery.lastResponseStatus());
            data.put("lastError", delivery.lastError());
            data.put("failedAt", now());
            outbox.emitAbout(tenant, "delivery.exhausted", data, delivery.webhookId());
        }
        String last = delivery.lastResponseStatus() != null
                ? "HTTP " + delivery.lastResponseStatus()
                : String.valueOf(delivery.lastError());
        report(
                tenant,
                delivery.webhookId(),
                NotificationKind.DELIVERY_EXHAUSTED,
                "Delivery " + delivery.deliveryId() + " of " + delivery.eventType() + " event " + delivery.eventId()
                        + " failed after " + attempts(delivery.attemptCount()) + " (last: " + last
                        + "); it is not tried again unless resent or recovered.",
                delivery.deliveryId());
    }

    /** The streak's failures were just announced by {@link WebhookHealth#addFailures}. */
    void failing(WebhookHealth.Streak streak, String lastResult) {
        ObjectNode data = json.createObjectNode();
        data.put("webhookId", streak.webhookId());
        data.put("name", streak.name());
        data.put("url", streak.url());
        data.put("failingSince", format(streak.failingSince()));
        data.put("consecutiveFailures", streak.consecutiveFailures());
        data.put("lastResult", lastResult);
        outbox.emitAbout(new TenantId(streak.tenantId()), "webhook.failing", data, streak.webhookId());
    }

    /** A success ended a failure streak (see {@link WebhookHealth.StreakEnd} for what is told). */
    void recovered(WebhookHealth.StreakEnd end) {
        OffsetDateTime since = end.failingSince();
        if (!end.enabled() || since == null) {
            return;
        }
        TenantId tenant = new TenantId(end.tenantId());
        if (end.announced()) {
            ObjectNode data = json.createObjectNode();
            data.put("webhookId", end.webhookId());
            data.put("name", end.name());
            data.put("url", end.url());
            data.put("failingSince", format(since));
            data.put("failedAttempts", end.failedAttempts());
            data.put("recoveredAt", now());
            outbox.emitAbout(tenant, "webhook.recovered", data, end.webhookId());
        }
        if (end.problemReported()) {
            report(
                    tenant,
                    end.webhookId(),
                    NotificationKind.WEBHOOK_RECOVERED,
                    "The webhook succeeded again after " + attempts(end.failedAttempts()) + " failed in a row since "
                            + format(since) + ".",
                    null);
        }
    }

    /** The webhook was just disabled by the worker (the caller parked its deliveries). */
    void disabled(String tenantId, String webhookId, String name, String url, String reason, int consecutiveFailures) {
        TenantId tenant = new TenantId(tenantId);
        ObjectNode data = json.createObjectNode();
        data.put("webhookId", webhookId);
        data.put("name", name);
        data.put("url", url);
        data.put("disabledReason", reason);
        data.put("consecutiveFailures", consecutiveFailures);
        data.put("disabledAt", now());
        outbox.emitAbout(tenant, "webhook.disabled", data, webhookId);
        report(
                tenant,
                webhookId,
                NotificationKind.WEBHOOK_DISABLED,
                "The webhook was disabled: " + reason
                        + ". It gets no deliveries until it is enabled again; its pending ones wait.",
                null);
    }

    private void report(
            TenantId tenant, String webhookId, NotificationKind kind, String detail, @Nullable String deliveryId) {
        inbox.report(tenant, webhookId, kind, detail, deliveryId, mail.getIfAvailable() != null, properties.interval());
    }

    private String now() {
        return format(queue.now());
    }

    private static String format(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private static String attempts(int count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }
}
