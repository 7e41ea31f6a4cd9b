package io.hookline.domain.event;

import static io.hookline.domain.jooq.Tables.EVENT;
import static io.hookline.domain.jooq.Tables.EVENT_IDEMPOTENCY;

import io.hookline.domain.db.FixedStatement;
import io.hookline.domain.jooq.tables.records.EventRecord;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class EventRepository {

    private final DSLContext dsl;

    EventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every publish runs it: a fixed statement, not one built and rendered per call. */
    private static final String INSERT = """
            insert into event (id, tenant_id, type, site_id, triggered_by, body, created_at)
            values (?, ?, ?, ?, ?, ?, ?::timestamptz)""";

    void insert(Event event) {
        FixedStatement.execute(dsl, INSERT, (statement, connection) -> {
            statement.setString(1, event.id().value());
            statement.setString(2, event.tenantId());
            statement.setString(3, event.type());
            statement.setString(4, event.siteId());
            statement.setString(5, event.triggeredBy());
            statement.setString(6, event.body());
            statement.setObject(7, event.createdAt());
        });
    }

    Optional<Event> find(TenantId tenant, String id) {
        return dsl.selectFrom(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()), EVENT.ID.eq(id))
                .fetchOptional(EventRepository::toEvent);
    }

    List<Event> list(
            TenantId tenant,
            @Nullable String type,
            @Nullable OffsetDateTime createdAfter,
            @Nullable String afterId,
            int limit) {
        Condition condition = EVENT.TENANT_ID.eq(tenant.value());
        if (type != null) {
            condition = condition.and(EVENT.TYPE.eq(type));
        }
        if (createdAfter != null) {
            condition = condition.and(EVENT.CREATED_AT.gt(createdAfter));
        }
        if (afterId != null) {
            condition = condition.and(EVENT.ID.gt(afterId));
        }
        return dsl.selectFrom(EVENT)
                .where(condition)
                .orderBy(EVENT.ID)
                .limit(limit)
                .fetch(EventRepository::toEvent);
    }

    /** Serialises publishes under one idempotency key, so two concurrent ones make one event. */
    void lockIdempotencyKey(TenantId tenant, String key) {
        dsl.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", tenant.value() + "\u001f" + key);
    }

    /** The event a live key names, and the fingerprint of the request that made it (null for older keys). */
    record KeyUse(String eventId, @Nullable String fingerprint) {}

    Optional<KeyUse> keyUse(TenantId tenant, String key, OffsetDateTime now) {
        return dsl.select(EVENT_IDEMPOTENCY.EVENT_ID, EVENT_IDEMPOTENCY.REQUEST_FINGERPRINT)
                .from(EVENT_IDEMPOTENCY)
                .where(
                        EVENT_IDEMPOTENCY.TENANT_ID.eq(tenant.value()),
                        EVENT_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(key),
                        EVENT_IDEMPOTENCY.EXPIRES_AT.gt(now))
                .fetchOptional(Records.mapping(KeyUse::new));
    }

    void rememberKey(TenantId tenant, String key, String fingerprint, EventId eventId, OffsetDateTime expiresAt) {
        dsl.insertInto(EVENT_IDEMPOTENCY)
                .set(EVENT_IDEMPOTENCY.TENANT_ID, tenant.value())
                .set(EVENT_IDEMPOTENCY.IDEMPOTENCY_KEY, key)
                .set(EVENT_IDEMPOTENCY.EVENT_ID, eventId.value())
                .set(EVENT_IDEMPOTENCY.REQUEST_FINGERPRINT, fingerprint)
                .set(EVENT_IDEMPOTENCY.EXPIRES_AT, expiresAt)
                .onConflict(EVENT_IDEMPOTENCY.TENANT_ID, EVENT_IDEMPOTENCY.IDEMPOTENCY_KEY)
                .doUpdate()
                .set(EVENT_IDEMPOTENCY.EVENT_ID, DSL.excluded(EVENT_IDEMPOTENCY.EVENT_ID))
                .set(EVENT_IDEMPOTENCY.REQUEST_FINGERPRINT, DSL.excluded(EVENT_IDEMPOTENCY.REQUEST_FINGERPRINT))
                .set(EVENT_IDEMPOTENCY.EXPIRES_AT, DSL.excluded(EVENT_IDEMPOTENCY.EXPIRES_AT))
                .execute();
    }

    static Event toEvent(EventRecord r) {
        return new Event(
                new EventId(r.getId()),
                r.getTenantId(),
                r.getType(),
                r.getSiteId(),
                r.getTriggeredBy(),
                r.getCreatedAt(),
                r.getBody());
    }
}
