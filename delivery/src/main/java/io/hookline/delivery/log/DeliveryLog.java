package io.hookline.delivery.log;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static io.hookline.domain.jooq.Tables.EVENT;
import static io.hookline.domain.jooq.Tables.WEBHOOK;

import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.delivery.AttemptHeaders;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.DeliveryStatus;
import io.hookline.domain.jooq.tables.records.DeliveryRecord;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.webhook.CredentialHeaders;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a tenant's delivery log, and asks the {@link DeliveryQueue} to resend or recover; every
 * query is scoped to the tenant. Only the queue writes deliveries.
 */
@Service
public class DeliveryLog {

    public static final Set<String> STATUSES = java.util.Arrays.stream(DeliveryStatus.values())
            .map(DeliveryStatus::literal)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final String STATUS_MESSAGE = "must be one of pending, delivering, waiting, succeeded, failed";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final DSLContext dsl;
    private final DeliveryQueue queue;
    private final WebhookRegistry webhooks;
    private final EventCatalog catalog;
    private final JsonMapper json;

    DeliveryLog(DSLContext dsl, DeliveryQueue queue, WebhookRegistry webhooks, EventCatalog catalog, JsonMapper json) {
        this.dsl = dsl;
        this.queue = queue;
        this.webhooks = webhooks;
        this.catalog = catalog;
        this.json = json;
    }

    /** A webhook's deliveries, newest first, optionally by status and created since a time. */
    @Transactional(readOnly = true)
    public Page<DeliveryView> list(
            TenantId tenant,
            WebhookId webhook,
            @Nullable String status,
            @Nullable OffsetDateTime since,
            PageRequest page) {
        return search(tenant, new DeliverySearch(webhook.value(), null, null, status, since, null), page);
    }

    /**
     * The tenant's deliveries across all its webhooks, newest first, narrowed by {@code search}.
     * A webhook or event the tenant does not have answers 404, as it would on its own path:
     * a mistyped id is told apart from "nothing was delivered", and another tenant's id looks
     * exactly like a missing one.
     */
    @Transactional(readOnly = true)
    public Page<DeliveryView> search(TenantId tenant, DeliverySearch search, PageRequest page) {
        String status = search.status();
        String eventType = search.eventType();
        String webhookId = search.webhookId();
        String eventId = search.eventId();
        OffsetDateTime since = search.since();
        OffsetDateTime until = search.until();
        Integer responseStatus = search.responseStatus();
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new DomainException.FieldError("status", STATUS_MESSAGE));
        }
        if (eventType != null && !catalog.contains(eventType)) {
            errors.add(new DomainException.FieldError(
                    "eventType", "'" + eventType + "' is not in the event catalog (GET /v1/event-types)"));
        }
        if (since != null && until != null && until.isBefore(since)) {
            errors.add(new DomainException.FieldError("until", "must not be before since"));
        }
        if (responseStatus != null && (responseStatus < 100 || responseStatus > 599)) {
            errors.add(new DomainException.FieldError("responseStatus", "must be an HTTP status code, 100 to 599"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        // Every query starts from the tenant. An event filter takes delivery_event_idx; anything
        // else walks delivery_webhook_idx (webhook_id, id) newest first, one webhook at a time: a
        // tenant has a handful of webhooks (its webhookLimit), so the tenant-wide log is the
        // newest of each webhook's newest, merged, and needs no index of its own per delivery.
        Condition condition = DELIVERY.TENANT_ID.eq(tenant.value());
        @Nullable List<String> byWebhook = null;
        if (webhookId != null) {
            WebhookId webhook = WebhookId.fromPath(webhookId);
            webhooks.get(tenant, webhook);
            byWebhook = List.of(webhook.value());
        }
        if (eventId != null) {
            if (!dsl.fetchExists(EVENT, EVENT.TENANT_ID.eq(tenant.value()), EVENT.ID.eq(eventId))) {
                throw new DomainException.NotFound("event", eventId);
            }
            condition = condition.and(DELIVERY.EVENT_ID.eq(eventId));
        }
        if (eventType != null) {
            condition = condition.and(DELIVERY.EVENT_TYPE.eq(eventType));
        }
        if (status != null) {
            condition = condition.and(DELIVERY.STATUS.eq(status));
        }
        if (since != null) {
            condition = condition.and(DELIVERY.CREATED_AT.ge(since));
        }
        if (until != null) {
            condition = condition.and(DELIVERY.CREATED_AT.lt(until));
        }
        Field<Integer> lastStatus = lastResponseStatus(tenant);
        if (responseStatus != null) {
            // the subquery itself, not its alias: a WHERE clause cannot name a select-list alias
            condition = condition.and(lastResponseStatusQuery(tenant).eq(responseStatus));
        }
        if (page.afterId() != null) {
            condition = condition.and(DELIVERY.ID.lt(page.afterId()));
        }
        if (byWebhook == null && eventId == null) {
            byWebhook = dsl.select(WEBHOOK.ID)
                    .from(WEBHOOK)
                    .where(WEBHOOK.TENANT_ID.eq(tenant.value()))
                    .fetch(WEBHOOK.ID);
        }
        int limit = page.limit() + 1;
        Select<Record> query;
        if (byWebhook == null) {
            query = newestFirst(condition, lastStatus, limit);
        } else if (byWebhook.isEmpty()) {
            return Page.of(List.of(), page.limit(), delivery -> List.of(delivery.id()));
        } else {
            @Nullable Select<Record> union = null;
            for (String webhook : byWebhook) {
                Select<Record> part = newestFirst(condition.and(DELIVERY.WEBHOOK_ID.eq(webhook)), lastStatus, limit);
                union = union == null ? part : union.unionAll(part);
            }
            query = java.util.Objects.requireNonNull(union);
        }
        List<DeliveryView> fetched = query.fetch().stream()
                .sorted(java.util.Comparator.comparing((Record r) -> r.get(DELIVERY.ID))
                        .reversed())
                .limit(limit)
                .map(record -> view(record.into(DELIVERY), record.get(lastStatus), null))
                .toList();
        return Page.of(fetched, page.limit(), delivery -> List.of(delivery.id()));
    }

    /** One delivery with every attempt. */
    @Transactional(readOnly = true)
    public DeliveryView get(TenantId tenant, String id) {
        DeliveryRecord delivery = find(tenant, id);
        var event = dsl.select(EVENT.BODY, EVENT.TRIGGERED_BY)
                .from(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()), EVENT.ID.eq(delivery.getEventId()))
                .fetchSingle();
        String body = java.util.Objects.requireNonNullElse(event.value1(), "");
        @Nullable String triggeredBy = event.value2();
        List<AttemptView> attempts = dsl.selectFrom(DELIVERY_ATTEMPT)
                .where(DELIVERY_ATTEMPT.TENANT_ID.eq(tenant.value()), DELIVERY_ATTEMPT.DELIVERY_ID.eq(id))
                .orderBy(DELIVERY_ATTEMPT.NUMBER, DELIVERY_ATTEMPT.STARTED_AT)
                .fetch(a -> new AttemptView(
                        a.getId(),
                        a.getNumber(),
                        a.getStartedAt(),
                        a.getDurationMs(),
                        // attempts logged before credential headers were masked on write
                        CredentialHeaders.masked(AttemptHeaders.shown(
                                headers(a.getRequestHeaders()),
                                delivery.getEventId(),
                                delivery.getEventType(),
                                triggeredBy,
                                a.getNumber())),
                        body,
                        a.getResponseStatus(),
                        a.getResponseHeaders() == null ? null : headers(a.getResponseHeaders()),
                        a.getResponseBody(),
                        a.getReason(),
                        a.getError()));
        return view(delivery, attempts.isEmpty() ? null : attempts.getLast().responseStatus(), attempts);
    }

    /**
     * Queues one more attempt now, whatever the retry policy said; not while one is in flight
     * (409: the queue refuses to touch a {@code delivering} row, so a resend never makes a
     * second concurrent send).
     */
    @Transactional
    public DeliveryView resend(TenantId tenant, String id) {
        DeliveryRecord delivery = find(tenant, id);
        if (!queue.resend(tenant, new DeliveryId(delivery.getId()), delivery.getWebhookId())) {
            throw new DomainException.Conflict(
                    DomainException.ConflictCode.DELIVERY_IN_FLIGHT,
                    "delivery " + id + " is being attempted right now; try again shortly");
        }
        queue.notifyWorkers();
        Field<Integer> lastStatus = lastResponseStatus(tenant);
        var record = dsl.select(DELIVERY.asterisk(), lastStatus)
                .from(DELIVERY)
                .where(DELIVERY.TENANT_ID.eq(tenant.value()), DELIVERY.ID.eq(id))
                .fetchSingle();
        return view(record.into(DELIVERY), record.get(lastStatus), null);
    }

    /** Re-queues every failed delivery of the webhook created since {@code since}; returns how many. */
    @Transactional
    public int recover(TenantId tenant, WebhookId webhook, OffsetDateTime since) {
        webhooks.get(tenant, webhook);
        int recovered = queue.recover(tenant, webhook.value(), since);
        if (recovered > 0) {
            queue.notifyWorkers();
        }
        return recovered;
    }

    /**
     * How many deliveries {@link #recover} would queue again now (its dry run): the webhook's
     * failed deliveries created since {@code since}.
     */
    @Transactional(readOnly = true)
    public int countRecoverable(TenantId tenant, WebhookId webhook, OffsetDateTime since) {
        webhooks.get(tenant, webhook);
        return dsl.fetchCount(
                DELIVERY,
                DELIVERY.TENANT_ID.eq(tenant.value()),
                DELIVERY.WEBHOOK_ID.eq(webhook.value()),
                DELIVERY.STATUS.eq(DeliveryStatus.FAILED.literal()),
                DELIVERY.CREATED_AT.ge(since));
    }

    private Select<Record> newestFirst(Condition condition, Field<Integer> lastStatus, int limit) {
        return dsl.select(DELIVERY.asterisk(), lastStatus)
                .from(DELIVERY)
                .where(condition)
                .orderBy(DELIVERY.ID.desc())
                .limit(limit);
    }

    /** The HTTP status of a delivery's latest attempt, through delivery_attempt_delivery_idx. */
    private static Field<Integer> lastResponseStatusQuery(TenantId tenant) {
        return DSL.field(DSL.select(DELIVERY_ATTEMPT.RESPONSE_STATUS)
                .from(DELIVERY_ATTEMPT)
                .where(DELIVERY_ATTEMPT.TENANT_ID.eq(tenant.value()), DELIVERY_ATTEMPT.DELIVERY_ID.eq(DELIVERY.ID))
                .orderBy(DELIVERY_ATTEMPT.NUMBER.desc(), DELIVERY_ATTEMPT.ID.desc())
                .limit(1));
    }

    private static Field<Integer> lastResponseStatus(TenantId tenant) {
        return lastResponseStatusQuery(tenant).as("last_response_status");
    }

    private DeliveryRecord find(TenantId tenant, String id) {
        DeliveryRecord record = dsl.selectFrom(DELIVERY)
                .where(DELIVERY.TENANT_ID.eq(tenant.value()), DELIVERY.ID.eq(id))
                .fetchOne();
        if (record == null) {
            throw new DomainException.NotFound("delivery", id);
        }
        return record;
    }

    private Map<String, String> headers(JSONB value) {
        return json.readValue(value.data(), HEADERS);
    }

    private static DeliveryView view(
            DeliveryRecord d, @Nullable Integer lastResponseStatus, @Nullable List<AttemptView> attempts) {
        return new DeliveryView(
                d.getId(),
                d.getWebhookId(),
                d.getEventId(),
                d.getEventType(),
                d.getStatus(),
                d.getAttemptCount(),
                d.getNextAttemptAt(),
                d.getCreatedAt(),
                d.getUpdatedAt(),
                lastResponseStatus,
                attempts);
    }
}
