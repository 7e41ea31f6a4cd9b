package io.hookline.domain.event;

import static io.hookline.domain.jooq.Tables.EVENT;

import io.hookline.domain.db.FixedStatement;
import io.hookline.domain.jooq.tables.records.EventRecord;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
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

    /**
     * The idempotency key's statements run on every publish that carries a key (three of them),
     * so they are fixed statements through JDBC as well ({@link FixedStatement}).
     */
    private static final String LOCK_KEY = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static final String KEY_USE = """
            select event_id, request_fingerprint from event_idempotency
             where tenant_id = ? and idempotency_key = ? and expires_at > ?""";

    private static final String REMEMBER_KEY = """
            insert into event_idempotency (tenant_id, idempotency_key, event_id, request_fingerprint, expires_at)
            values (?, ?, ?, ?, ?)
            on conflict (tenant_id, idempotency_key) do update
               set event_id = excluded.event_id, request_fingerprint = excluded.request_fingerprint,
                   expires_at = excluded.expires_at""";

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
        String lockKey = tenant.value() + "\u001f" + key;
        // a select (the driver refuses one as an update): its single row is read and dropped
        FixedStatement.query(dsl, LOCK_KEY, FixedStatement.Binder.values(lockKey), row -> true);
    }

    /** The event a live key names, and the fingerprint of the request that made it (null for older keys). */
    record KeyUse(String eventId, @Nullable String fingerprint) {}

    Optional<KeyUse> keyUse(TenantId tenant, String key, OffsetDateTime now) {
        return FixedStatement.query(
                        dsl,
                        KEY_USE,
                        FixedStatement.Binder.values(tenant.value(), key, now),
                        row -> new KeyUse(row.getString(1), row.getString(2)))
                .stream()
                .findFirst();
    }

    void rememberKey(TenantId tenant, String key, String fingerprint, EventId eventId, OffsetDateTime expiresAt) {
        FixedStatement.execute(dsl, REMEMBER_KEY, (statement, connection) -> {
            statement.setString(1, tenant.value());
            statement.setString(2, key);
            statement.setString(3, eventId.value());
            statement.setString(4, fingerprint);
            statement.setObject(5, expiresAt);
        });
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
