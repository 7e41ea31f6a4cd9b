package io.hookline.domain.delivery;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static io.hookline.domain.jooq.Tables.DELIVERY_STATS;
import static io.hookline.domain.jooq.Tables.WEBHOOK;

import io.hookline.domain.db.FixedStatement;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one owner of the {@code delivery} table, its attempt log and the statistics they add up
 * to ({@code delivery_stats}): every transition of a delivery goes through a method here, as
 * db-scheduler's {@code TaskRepository} owns its executions. Like every repository it opens no transaction: the fan-out and parking join the
 * caller's domain transaction, the worker's calls its short worker transactions.
 *
 * <pre>
 *   enqueue ─▶ pending ──claim──▶ delivering ──settle──▶ succeeded | failed | pending (retry) | waiting
 *   enqueue (handed off) ─▶ delivering    │ lease ran out: claimed again, or swept to failed / parked
 *   enqueueLeased ─▶ delivering;   handBack: delivering (handed off, not sent) ─▶ pending
 *   waiting ──acknowledge──▶ succeeded | failed;   overdue: swept to pending (retry) or failed
 *   pending ◀──park/resume── pending;   resend: any but delivering ─▶ pending;   recover: failed ─▶ pending
 *   delivering ──defer (throttled: no token)──▶ pending, attempt not counted;   rethrottle: pending ─▶ pending (due now)
 * </pre>
 */
@Repository
public class DeliveryQueue {

    private static final String PENDING = DeliveryStatus.PENDING.literal();

    /** What an attempt needs besides the delivery row: the event, the webhook as it is now, the tenant. */
    private static final String ATTEMPT_COLUMNS = """
                   e.body, e.triggered_by, t.administration_code,
                   w.url, w.headers, w.timeout_seconds, w.retry_enabled, w.retry_max_attempts,
                   w.async_acknowledgement, w.signature_scheme, w.rate_limit, w.secret_ciphertext, w.secret_key_id,
                   w.previous_secret_ciphertext, w.previous_secret_key_id, w.previous_secret_expires_at,
                   w.destination, w.destination_secret_ciphertext, w.destination_secret_key_id""";

    private static final String ATTEMPT_JOINS = """
              join event e on e.id = d.event_id
              join webhook w on w.id = d.webhook_id
              join tenant t on t.id = d.tenant_id""";

    /**
     * One fixed statement whatever the number of deliveries (a multi-row {@code values} list would
     * be a new statement for every count, rendered and planned afresh).
     */
    private static final String ENQUEUE = """
            insert into delivery (id, tenant_id, webhook_id, event_id, event_type, status, next_attempt_at,
                                  lease_until, attempt_count, lease_token, created_at, updated_at)
            select d.id, t.tenant_id, d.webhook_id, t.event_id, t.event_type,
                   case when d.leased then 'delivering' else 'pending' end, t.at,
                   case when d.leased then clock_timestamp() + make_interval(secs => t.lease) end,
                   case when d.leased then 1 else 0 end, case when d.leased then 1 else 0 end, t.at, t.at
              from (select ?::varchar as tenant_id, ?::varchar as event_id, ?::varchar as event_type,
                           ?::timestamptz as at, ?::float8 as lease) t,
                   unnest(?::varchar[], ?::varchar[], ?::boolean[]) as d(id, webhook_id, leased)""";

    /** At most this many of one transaction's deliveries are handed off; a batch's others are claimed. */
    static final int HANDED_OFF_PER_TRANSACTION = 16;

    /**
     * Claims due deliveries and expired leases. Webhooks already at their in-flight cap (across
     * the cluster) are left out before the oldest due rows are taken, so a slow endpoint cannot
     * crowd out everyone else's work, and so are rows of a disabled webhook (parked with no due
     * time, but one published while it was being disabled may be due) or of one that is gone (a
     * publish that raced its delete: see {@link #deleteOfWebhook}), so none of them can fill the
     * candidates and hold up the rest; the candidates are then ranked per tenant and
     * per webhook, so a batch takes the first due delivery of every tenant before the second of
     * any. Rows another worker holds are skipped, not waited for. The batch comes back in the
     * order its events were made (event ids are monotonic within a node), so a worker that hands
     * a webhook's deliveries over in that order sends them in event order.
     */
    private static final String CLAIM = """
            with inflight as (
                select webhook_id, count(*) as n from delivery
                 where status = 'delivering' and lease_until >= now()
                 group by webhook_id
            ), due as (
                (select d.id, d.tenant_id, d.webhook_id, d.next_attempt_at as due_at from delivery d
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and d.webhook_id not in (select webhook_id from inflight where n >= ?)
                    -- a scalar subquery, evaluated row by row as the scan goes: written as a
                    -- join or exists, the planner may hash it and read every due row per claim
                    and (select w.enabled from webhook w where w.id = d.webhook_id)
                  order by d.next_attempt_at limit ?)
                union all
                (select d.id, d.tenant_id, d.webhook_id, d.lease_until as due_at from delivery d
                   join webhook w on w.id = d.webhook_id
                  where d.status = 'delivering' and d.lease_until < now()
                    and d.attempt_count < case when w.retry_enabled then w.retry_max_attempts else 1 end
                  order by d.lease_until limit ?)
            ), ranked as (
                select due.id, due.due_at, coalesce(i.n, 0) as busy,
                       row_number() over (partition by due.webhook_id order by due.due_at) as in_webhook,
                       row_number() over (partition by due.tenant_id order by due.due_at) as in_tenant
                  from due
                  join webhook w on w.id = due.webhook_id and w.enabled
                  left join inflight i on i.webhook_id = due.webhook_id
            ), allowed as (
                select id from ranked
                 where in_webhook <= ? - busy
                 order by in_tenant, due_at
                 limit ?
            ), locked as (
                select d.id from delivery d
                 where d.id in (select id from allowed)
                   and (d.status = 'pending' or (d.status = 'delivering' and d.lease_until < now()))
                 for update skip locked
            )
            , claimed as (
                update delivery d
                   set status = 'delivering', lease_until = now() + make_interval(secs => ?),
                       lease_token = d.lease_token + 1, attempt_count = d.attempt_count + 1, updated_at = now()
                  from locked
                 where d.id = locked.id
                returning d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.attempt_count, d.lease_token
            )
            select d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.attempt_count, d.lease_token,
            %s
              from claimed d
            %s
             order by e.created_at, e.id
            """.formatted(ATTEMPT_COLUMNS, ATTEMPT_JOINS);

    /**
     * What the attempts of deliveries handed off on commit need, read in their publishing
     * transaction: not those of a webhook disabled meanwhile (left leased, the sweeper parks them).
     */
    private static final String HANDED_OFF = """
            select d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.attempt_count, d.lease_token,
            %s
              from delivery d
            %s
             where d.id = any(?) and w.enabled
            """.formatted(ATTEMPT_COLUMNS, ATTEMPT_JOINS);

    private static final String DETAILS = """
            select d.id, d.tenant_id, d.webhook_id, d.event_id, d.event_type, d.attempt_count, d.lease_token,
            %s
              from delivery d
            %s
             where d.id = any(?)
            """.formatted(ATTEMPT_COLUMNS, ATTEMPT_JOINS);

    /**
     * Adds a batch of statistics to {@code delivery_stats}: one row per webhook and hour, given
     * as parallel arrays (the histograms one after another in a flat array, sliced per row), so
     * the statement's text never changes and stays prepared. Rows are inserted, and so locked,
     * in the order given; an existing row gets the batch's counts added, its histogram element
     * by element.
     */
    private static final String RECORD_STATS = """
            insert into delivery_stats as s (tenant_id, webhook_id, bucket_start, attempts_succeeded,
                   attempts_timeout, attempts_connection, attempts_4xx, attempts_5xx, attempts_other,
                   deliveries_succeeded, deliveries_failed, latency_histogram)
            select v.tenant_id, v.webhook_id, to_timestamp(v.hour), v.succeeded, v.timeout, v.connection,
                   v.http4xx, v.http5xx, v.other, v.done, v.failed,
                   h.bins[(v.n - 1) * %1$d + 1 : v.n * %1$d]
              from unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                          ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                     with ordinality as v(tenant_id, webhook_id, hour, succeeded, timeout, connection,
                                          http4xx, http5xx, other, done, failed, n),
                   (select ?::bigint[] as bins) h
             order by v.n
            on conflict (tenant_id, webhook_id, bucket_start) do update
               set attempts_succeeded = s.attempts_succeeded + excluded.attempts_succeeded,
                   attempts_timeout = s.attempts_timeout + excluded.attempts_timeout,
                   attempts_connection = s.attempts_connection + excluded.attempts_connection,
                   attempts_4xx = s.attempts_4xx + excluded.attempts_4xx,
                   attempts_5xx = s.attempts_5xx + excluded.attempts_5xx,
                   attempts_other = s.attempts_other + excluded.attempts_other,
                   deliveries_succeeded = s.deliveries_succeeded + excluded.deliveries_succeeded,
                   deliveries_failed = s.deliveries_failed + excluded.deliveries_failed,
                   latency_histogram = array(
                       select a + b from unnest(s.latency_histogram, excluded.latency_histogram)
                                         with ordinality as x(a, b, i)
                        order by x.i)
            """.formatted(LatencyHistogram.BINS);

    /**
     * Final deliveries (and those of a webhook that is gone) below a cutoff id, oldest first, with
     * their attempts: the attempt log has no foreign key to cascade (V19). Counts the deliveries.
     */
    private static final String DELETE_FINAL = """
            with gone as (
                delete from delivery where id in (
                    select d.id from delivery d
                     where d.id < ?
                       and (d.status in ('succeeded', 'failed')
                            or not exists (select 1 from webhook w where w.id = d.webhook_id))
                     order by d.id
                     limit ?)
                   and (status in ('succeeded', 'failed')
                        or not exists (select 1 from webhook w where w.id = delivery.webhook_id))
                returning id
            ), attempts as (
                delete from delivery_attempt a using gone where a.delivery_id = gone.id
            )
            select count(*) from gone
            """;

    /** Every delivery of one webhook, with their attempts. Counts the deliveries. */
    private static final String DELETE_OF_WEBHOOK = """
            with gone as (
                delete from delivery where tenant_id = ? and webhook_id = ? returning id
            ), attempts as (
                delete from delivery_attempt a using gone where a.delivery_id = gone.id
            )
            select count(*) from gone
            """;

    private final DSLContext dsl;
    private final Clock clock;
    private final WorkerWakeUps wakeUps;
    private volatile @Nullable HandOff handOff;

    @org.springframework.beans.factory.annotation.Autowired
    public DeliveryQueue(DSLContext dsl, Clock clock, WorkerWakeUps wakeUps) {
        this.dsl = dsl;
        this.clock = clock;
        this.wakeUps = wakeUps;
    }

    /** A queue whose wake-ups reach only this process (tests of the queue alone). */
    public DeliveryQueue(DSLContext dsl, Clock clock) {
        this(dsl, clock, new WorkerWakeUps(null));
    }

    /** Now, as the database stores times (UTC, microseconds), from the injected clock. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
    }

    // --- created --------------------------------------------------------------------------

    /**
     * An event's fan-out: one delivery per matching webhook, due when the event was made. Those
     * this node's worker has room for (see {@link HandOff}; never a Kafka destination's, whose
     * order the claim keeps, and at most {@value #HANDED_OFF_PER_TRANSACTION} per transaction)
     * are inserted {@code delivering}, leased to it, and handed over when the transaction
     * commits; the rest are {@code pending}, and the workers are woken for them after the commit.
     */
    public void enqueue(
            TenantId tenant,
            EventId eventId,
            String eventType,
            OffsetDateTime createdAt,
            List<NewDelivery> deliveries) {
        String[] ids = new String[deliveries.size()];
        String[] webhookIds = new String[deliveries.size()];
        Boolean[] leased = new Boolean[deliveries.size()];
        HandOff target = handOff;
        HandedOff handed = target == null ? null : handedOff(target);
        boolean anyPending = false;
        for (int i = 0; i < ids.length; i++) {
            NewDelivery delivery = deliveries.get(i);
            ids[i] = delivery.deliveryId().value();
            webhookIds[i] = delivery.webhookId();
            leased[i] = handed != null
                    && !delivery.ordered()
                    && handed.size() < HANDED_OFF_PER_TRANSACTION
                    && handed.take(ids[i], webhookIds[i]);
            anyPending |= !leased[i];
        }
        double lease = target == null ? 0 : target.lease().toMillis() / 1000.0;
        FixedStatement.execute(dsl, ENQUEUE, (statement, connection) -> {
            statement.setString(1, tenant.value());
            statement.setString(2, eventId.value());
            statement.setString(3, eventType);
            statement.setObject(4, createdAt);
            statement.setDouble(5, lease);
            statement.setArray(6, connection.createArrayOf("varchar", ids));
            statement.setArray(7, connection.createArrayOf("varchar", webhookIds));
            statement.setArray(8, connection.createArrayOf("boolean", leased));
        });
        if (anyPending) {
            wakeUps.afterCommit();
        }
    }

    /** Lets this node's worker take fresh deliveries from their publishing transaction (null: none). */
    public void handOffTo(@Nullable HandOff target) {
        this.handOff = target;
    }

    /**
     * The deliveries this transaction handed off so far, and the callback that passes them on
     * when it ends (sent if it committed, their room given back if not); null outside a
     * transaction, where nothing is handed off.
     */
    private @Nullable HandedOff handedOff(HandOff target) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        HandedOff handed = (HandedOff) TransactionSynchronizationManager.getResource(HandedOff.class);
        if (handed == null) {
            handed = new HandedOff(target);
            TransactionSynchronizationManager.bindResource(HandedOff.class, handed);
            TransactionSynchronizationManager.registerSynchronization(handed);
        }
        return handed;
    }

    /** One transaction's handed-off deliveries. */
    private final class HandedOff implements TransactionSynchronization {
        private final HandOff target;
        private final List<String> deliveryIds = new ArrayList<>();
        private final List<String> webhookIds = new ArrayList<>();
        private List<Claim> read = List.of();

        HandedOff(HandOff target) {
            this.target = target;
        }

        int size() {
            return deliveryIds.size();
        }

        boolean take(String deliveryId, String webhookId) {
            if (!target.reserve(webhookId)) {
                return false;
            }
            deliveryIds.add(deliveryId);
            webhookIds.add(webhookId);
            return true;
        }

        /**
         * Reads what the attempts need in the publishing transaction itself, once every savepoint
         * is settled: only rows that commit come back, and the worker needs no round trip of its
         * own before it sends.
         */
        @Override
        public void beforeCommit(boolean readOnly) {
            if (!deliveryIds.isEmpty()) {
                read = byIds(HANDED_OFF, deliveryIds);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(HandedOff.class);
            if (deliveryIds.isEmpty()) {
                return;
            }
            if (status != STATUS_COMMITTED) {
                target.cancel(List.copyOf(webhookIds));
                return;
            }
            List<String> unused = new ArrayList<>(webhookIds);
            read.forEach(claim -> unused.remove(claim.webhookId()));
            if (!unused.isEmpty()) {
                target.cancel(unused);
            }
            if (!read.isEmpty()) {
                target.send(read);
            }
        }
    }

    /**
     * Hands deliveries leased on commit back to the queue as due, their attempt not counted: the
     * worker stopped before it could send them.
     */
    public void handBack(List<String> deliveryIds) {
        dsl.execute("""
                update delivery
                   set status = 'pending', lease_until = null, attempt_count = attempt_count - 1,
                       lease_token = lease_token + 1, updated_at = now()
                 where id = any(?) and status = 'delivering' and lease_token = 1
                """, (Object) deliveryIds.toArray(String[]::new));
    }

    /**
     * A delivery created already {@code delivering}, leased to its creator (the test endpoint),
     * so no worker sends it as well.
     */
    public void enqueueLeased(
            TenantId tenant,
            DeliveryId deliveryId,
            String webhookId,
            EventId eventId,
            String eventType,
            Duration lease) {
        OffsetDateTime now = now();
        dsl.insertInto(DELIVERY)
                .set(DELIVERY.ID, deliveryId.value())
                .set(DELIVERY.TENANT_ID, tenant.value())
                .set(DELIVERY.WEBHOOK_ID, webhookId)
                .set(DELIVERY.EVENT_ID, eventId.value())
                .set(DELIVERY.EVENT_TYPE, eventType)
                .set(DELIVERY.STATUS, DeliveryStatus.DELIVERING.literal())
                .set(DELIVERY.LEASE_UNTIL, now.plus(lease))
                .set(DELIVERY.CREATED_AT, now)
                .set(DELIVERY.UPDATED_AT, now)
                .execute();
    }

    /** Wakes every node's worker once this transaction commits (see {@link WorkerWakeUps}). */
    public void notifyWorkers() {
        wakeUps.afterCommit();
    }

    /** Where a worker subscribes to wake-ups of work committed on this node. */
    public WorkerWakeUps wakeUps() {
        return wakeUps;
    }

    // --- claimed --------------------------------------------------------------------------

    /** {@code pending} (due) and expired {@code delivering} rows become {@code delivering} under a fresh lease. */
    public List<Claim> claim(int batch, int perWebhookCap, Duration lease) {
        // The due rows must be read in index order and the scan stopped at the limit. With a
        // burst of new rows the statistics lag behind and the planner would rather read every
        // due row through a bitmap and sort them — a full scan per claim. Not in this transaction.
        dsl.execute("select set_config('enable_bitmapscan', 'off', true)");
        // one statement leases the rows and reads what their attempts need
        double leaseSeconds = lease.toMillis() / 1000.0;
        return FixedStatement.query(
                dsl,
                CLAIM,
                (statement, connection) -> {
                    statement.setInt(1, perWebhookCap);
                    statement.setInt(2, batch * 4);
                    statement.setInt(3, batch);
                    statement.setInt(4, perWebhookCap);
                    statement.setInt(5, batch);
                    statement.setDouble(6, leaseSeconds);
                },
                DeliveryQueue::claim);
    }

    /**
     * Whether any {@code pending} delivery is due now (a claim that came back empty may have left
     * it out). One whose webhook is gone (see {@link #deleteOfWebhook}) is not.
     */
    public boolean anyDue() {
        return Boolean.TRUE.equals(dsl.fetchValue("""
                select exists (select 1 from delivery d
                                where d.status = 'pending' and d.next_attempt_at <= now()
                                  and (select true from webhook w where w.id = d.webhook_id))
                """));
    }

    /** Re-claims one delivery now (the test endpoint), whatever its state, under a fresh lease. */
    public Optional<Claim> claimOne(DeliveryId deliveryId, Duration lease) {
        List<String> ids =
                dsl.fetch("""
                        update delivery d
                           set status = 'delivering', lease_until = now() + make_interval(secs => ?),
                               lease_token = d.lease_token + 1, attempt_count = d.attempt_count + 1, updated_at = now()
                         where d.id = ?
                        returning d.id
                        """, lease.toMillis() / 1000.0, deliveryId.value()).getValues(0, String.class);
        return ids.isEmpty() ? Optional.empty() : byIds(DETAILS, ids).stream().findFirst();
    }

    /** The claims {@code sql} (a query on {@code d.id = any(?)}) reads for {@code ids}. */
    private List<Claim> byIds(String sql, Collection<String> ids) {
        String[] array = ids.toArray(String[]::new);
        return FixedStatement.query(
                dsl,
                sql,
                (statement, connection) -> statement.setArray(1, connection.createArrayOf("varchar", array)),
                DeliveryQueue::claim);
    }

    private static Claim claim(ResultSet row) throws SQLException {
        return new Claim(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("webhook_id"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getInt("attempt_count"),
                row.getLong("lease_token"),
                row.getString("body"),
                row.getString("triggered_by"),
                row.getString("administration_code"),
                row.getString("url"),
                row.getString("headers"),
                row.getInt("timeout_seconds"),
                row.getBoolean("retry_enabled"),
                row.getInt("retry_max_attempts"),
                row.getBoolean("async_acknowledgement"),
                row.getString("signature_scheme"),
                row.getObject("rate_limit", Integer.class),
                row.getBytes("secret_ciphertext"),
                row.getString("secret_key_id"),
                row.getBytes("previous_secret_ciphertext"),
                row.getString("previous_secret_key_id"),
                row.getObject("previous_secret_expires_at", OffsetDateTime.class),
                row.getString("destination"),
                row.getBytes("destination_secret_ciphertext"),
                row.getString("destination_secret_key_id"));
    }

    /** Records the hash of the async-acknowledgement token, before the request that carries it goes out. */
    public boolean setAckToken(String deliveryId, long leaseToken, String tokenHash) {
        return dsl.update(DELIVERY)
                        .set(DELIVERY.ACK_TOKEN_HASH, tokenHash)
                        .where(DELIVERY.ID.eq(deliveryId), DELIVERY.LEASE_TOKEN.eq(leaseToken))
                        .execute()
                == 1;
    }

    // --- deferred by the webhook's throttle ------------------------------------------------

    /**
     * Hands claimed deliveries of throttled webhooks back as {@code pending}, without counting
     * an attempt, each due at a send slot of its own: the first at {@code earliest} (when the
     * webhook's bucket has a token again) or just after the last slot handed out before,
     * whichever is later, the next ones {@code 1 / rateLimit} apart. So a backlog is spread over
     * the time its rate needs and each delivery is claimed about once more, when its token is
     * due, instead of over and over. The webhook row is locked while its slots are handed out,
     * so nodes deferring at once never hand out one slot twice; webhooks are locked in id order.
     * A delivery of a webhook disabled meanwhile is parked instead. Only deliveries still under
     * the given lease move; returns the ids that did.
     */
    public List<String> defer(List<Deferral> deferrals) {
        if (deferrals.isEmpty()) {
            return List.of();
        }
        Map<String, List<Deferral>> byWebhook = new TreeMap<>();
        for (Deferral deferral : deferrals) {
            byWebhook
                    .computeIfAbsent(deferral.claim().webhookId(), id -> new ArrayList<>())
                    .add(deferral);
        }
        int n = deferrals.size();
        String[] ids = new String[n];
        Long[] tokens = new Long[n];
        String[] due = new String[n];
        int i = 0;
        for (Map.Entry<String, List<Deferral>> entry : byWebhook.entrySet()) {
            List<Deferral> group = entry.getValue();
            Integer rate = group.getFirst().claim().rateLimit();
            Duration gap = Duration.ofNanos(1_000_000_000L / (rate == null || rate < 1 ? 1 : rate));
            OffsetDateTime earliest = group.stream()
                    .map(Deferral::earliest)
                    .min(OffsetDateTime::compareTo)
                    .orElseThrow();
            OffsetDateTime last = dsl.select(WEBHOOK.THROTTLED_UNTIL)
                    .from(WEBHOOK)
                    .where(WEBHOOK.ID.eq(entry.getKey()))
                    .forUpdate()
                    .fetchOne(WEBHOOK.THROTTLED_UNTIL);
            OffsetDateTime slot = last == null || last.plus(gap).isBefore(earliest) ? earliest : last.plus(gap);
            for (Deferral deferral : group) {
                ids[i] = deferral.claim().deliveryId();
                tokens[i] = deferral.claim().leaseToken();
                due[i] = slot.toString();
                last = slot;
                slot = slot.plus(gap);
                i++;
            }
            dsl.update(WEBHOOK)
                    .set(WEBHOOK.THROTTLED_UNTIL, last)
                    .where(WEBHOOK.ID.eq(entry.getKey()))
                    .execute();
        }
        return dsl.fetch("""
                        update delivery d
                           set status = 'pending',
                               next_attempt_at = case when w.enabled then v.due else null end,
                               attempt_count = d.attempt_count - 1,
                               lease_until = null, lease_token = d.lease_token + 1, updated_at = now()
                          from unnest(?::varchar[], ?::bigint[], ?::timestamptz[]) as v(id, token, due), webhook w
                         where d.id = v.id and d.lease_token = v.token and d.status = 'delivering'
                           and w.id = d.webhook_id
                        returning d.id
                        """, ids, tokens, due).getValues(0, String.class);
    }

    /**
     * The webhook's rate limit changed (or was removed): its deferred backlog, spaced for the
     * old limit, is due now, to be spaced again for the new one.
     */
    public void rethrottle(TenantId tenant, String webhookId) {
        OffsetDateTime last = dsl.select(WEBHOOK.THROTTLED_UNTIL)
                .from(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(webhookId))
                .fetchOne(WEBHOOK.THROTTLED_UNTIL);
        if (last == null) {
            return;
        }
        OffsetDateTime now = now();
        dsl.update(DELIVERY)
                .set(DELIVERY.NEXT_ATTEMPT_AT, now)
                .where(
                        DELIVERY.TENANT_ID.eq(tenant.value()),
                        DELIVERY.WEBHOOK_ID.eq(webhookId),
                        DELIVERY.STATUS.eq(PENDING),
                        DELIVERY.NEXT_ATTEMPT_AT.gt(now),
                        DELIVERY.NEXT_ATTEMPT_AT.le(last))
                .execute();
        dsl.update(WEBHOOK)
                .set(WEBHOOK.THROTTLED_UNTIL, (OffsetDateTime) null)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(webhookId))
                .execute();
    }

    // --- settled --------------------------------------------------------------------------

    /**
     * Applies many attempt results at once, each only if its worker still owns the delivery
     * (the lease token is the current one and it is still {@code delivering}); returns the ids
     * that were applied.
     */
    public List<String> settle(List<Settlement> settlements) {
        String[] ids = settlements.stream().map(Settlement::deliveryId).toArray(String[]::new);
        Long[] tokens = settlements.stream().map(Settlement::leaseToken).toArray(Long[]::new);
        String[] statuses = settlements.stream().map(s -> s.status().literal()).toArray(String[]::new);
        String[] next = settlements.stream()
                .map(s -> s.nextAttemptAt() == null ? "" : String.valueOf(s.nextAttemptAt()))
                .toArray(String[]::new);
        Boolean[] released = settlements.stream().map(Settlement::released).toArray(Boolean[]::new);
        // A retry of a webhook disabled meanwhile is parked (no due time) like its other
        // deliveries, so it never sits at the head of the due index.
        return dsl.fetch("""
                        update delivery d
                           set status = v.status,
                               next_attempt_at = case when v.status = 'pending' and not w.enabled then null
                                                      else nullif(v.next_at, '')::timestamptz end,
                               attempt_count = d.attempt_count - case when v.released then 1 else 0 end,
                               lease_until = null, updated_at = now()
                          from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[])
                                 as v(id, token, status, next_at, released), webhook w
                         where d.id = v.id and d.lease_token = v.token and d.status = 'delivering'
                           and w.id = d.webhook_id
                        returning d.id
                        """, ids, tokens, statuses, next, released).getValues(0, String.class);
    }

    /**
     * Adds attempts to the log (of settlements that were applied): one statement whose text is
     * the same for any number of attempts (the columns travel as arrays), so neither jOOQ nor
     * PostgreSQL has to render or plan a new multi-row {@code VALUES} list for every batch.
     */
    public void recordAttempts(List<AttemptRecord> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        int n = attempts.size();
        String[] ids = new String[n];
        String[] tenants = new String[n];
        String[] deliveries = new String[n];
        Integer[] numbers = new Integer[n];
        String[] started = new String[n];
        Integer[] durations = new Integer[n];
        String[] requestHeaders = new String[n];
        @Nullable Integer[] statuses = new Integer[n];
        @Nullable String[] responseHeaders = new String[n];
        @Nullable String[] bodies = new String[n];
        @Nullable String[] reasons = new String[n];
        @Nullable String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            AttemptRecord attempt = attempts.get(i);
            ids[i] = attempt.id();
            tenants[i] = attempt.tenantId();
            deliveries[i] = attempt.deliveryId();
            numbers[i] = attempt.number();
            started[i] = attempt.startedAt().toString();
            durations[i] = attempt.durationMillis();
            requestHeaders[i] = attempt.requestHeadersJson();
            statuses[i] = attempt.responseStatus();
            responseHeaders[i] = attempt.responseHeadersJson();
            bodies[i] = attempt.responseBody();
            reasons[i] = attempt.reason();
            errors[i] = attempt.error();
        }
        dsl.execute(
                """
                insert into delivery_attempt (id, tenant_id, delivery_id, number, started_at, duration_ms,
                                              request_headers, response_status, response_headers, response_body,
                                              reason, error)
                select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], ?::timestamptz[],
                                     ?::integer[], ?::jsonb[], ?::integer[], ?::jsonb[], ?::text[],
                                     ?::varchar[], ?::varchar[])
                """,
                ids,
                tenants,
                deliveries,
                numbers,
                started,
                durations,
                requestHeaders,
                statuses,
                responseHeaders,
                bodies,
                reasons,
                errors);
    }

    /**
     * Adds a batch of statistics to {@code delivery_stats} in one statement; called in the
     * transaction that moved the deliveries and logged the attempts it counts.
     */
    public void recordStats(StatsTally tally) {
        Map<StatsTally.Key, DeliveryCounts> rows = tally.rows();
        if (rows.isEmpty()) {
            return;
        }
        int size = rows.size();
        String[] tenants = new String[size];
        String[] webhooks = new String[size];
        Long[] hours = new Long[size];
        Long[][] attempts = new Long[AttemptClass.values().length][size];
        Long[] succeeded = new Long[size];
        Long[] failed = new Long[size];
        Long[] histograms = new Long[size * LatencyHistogram.BINS];
        int row = 0;
        for (Map.Entry<StatsTally.Key, DeliveryCounts> entry : rows.entrySet()) {
            StatsTally.Key key = entry.getKey();
            DeliveryCounts counts = entry.getValue();
            tenants[row] = key.tenantId();
            webhooks[row] = key.webhookId();
            hours[row] = key.hour().getEpochSecond();
            for (AttemptClass outcome : AttemptClass.values()) {
                attempts[outcome.ordinal()][row] = counts.attempts(outcome);
            }
            succeeded[row] = counts.deliveriesSucceeded();
            failed[row] = counts.deliveriesFailed();
            long[] bins = counts.latency().counts();
            for (int bin = 0; bin < bins.length; bin++) {
                histograms[row * LatencyHistogram.BINS + bin] = bins[bin];
            }
            row++;
        }
        dsl.execute(
                RECORD_STATS,
                tenants,
                webhooks,
                hours,
                attempts[AttemptClass.SUCCEEDED.ordinal()],
                attempts[AttemptClass.TIMEOUT.ordinal()],
                attempts[AttemptClass.CONNECTION.ordinal()],
                attempts[AttemptClass.HTTP_4XX.ordinal()],
                attempts[AttemptClass.HTTP_5XX.ordinal()],
                attempts[AttemptClass.OTHER.ordinal()],
                succeeded,
                failed,
                histograms);
    }

    /**
     * The receiver's word on a {@code waiting} (or still {@code delivering}) delivery, found by
     * the hash of its single-use link: {@code succeeded} or {@code failed}. Bumps the fencing
     * token, so a worker still holding the delivery cannot overwrite it. Empty when no delivery
     * waits on that link.
     */
    public Optional<String> acknowledge(String tokenHash, boolean done, @Nullable String reason) {
        DeliveryStatus status = done ? DeliveryStatus.SUCCEEDED : DeliveryStatus.FAILED;
        var settled = dsl.update(DELIVERY)
                .set(DELIVERY.STATUS, status.literal())
                .set(DELIVERY.ACK_TOKEN_HASH, (String) null)
                .set(DELIVERY.NEXT_ATTEMPT_AT, (OffsetDateTime) null)
                .set(DELIVERY.LEASE_UNTIL, (OffsetDateTime) null)
                .set(DELIVERY.LEASE_TOKEN, DELIVERY.LEASE_TOKEN.plus(1))
                .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(
                        DELIVERY.ACK_TOKEN_HASH.eq(tokenHash),
                        DELIVERY.STATUS.in(DeliveryStatus.WAITING.literal(), DeliveryStatus.DELIVERING.literal()))
                .returning(DELIVERY.ID, DELIVERY.TENANT_ID, DELIVERY.WEBHOOK_ID)
                .fetchOne();
        if (settled == null) {
            return Optional.empty();
        }
        String deliveryId = settled.getId();
        // the 202 was counted as a succeeded attempt when it came; the delivery ends now
        recordStats(new StatsTally().finished(settled.getTenantId(), settled.getWebhookId(), now(), status));
        if (reason != null) {
            setLastAttemptReason(deliveryId, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        }
        return Optional.of(deliveryId);
    }

    // --- swept ----------------------------------------------------------------------------

    /**
     * Leases that ran out on a delivery that must not simply be sent again: its attempts are
     * used up (the worker sent it, then died or could not write the result) or its webhook was
     * disabled meanwhile. The claim leaves these alone; the sweep ends or parks them.
     */
    public List<SweptDelivery> expiredLeasesToSettle(int limit) {
        return dsl.fetch("""
                select d.id, d.tenant_id, d.webhook_id, d.attempt_count, w.enabled, d.event_id, d.event_type,
                       d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end as exhausted
                  from delivery d join webhook w on w.id = d.webhook_id
                 where d.status = 'delivering' and d.lease_until < now()
                   and (not w.enabled or d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end)
                 order by d.lease_until
                 limit ?
                   for update of d skip locked
                """, limit).map(DeliveryQueue::swept);
    }

    /** Waiting deliveries whose acknowledgement is overdue (their next_attempt_at is the deadline). */
    public List<SweptDelivery> overdueAcknowledgements(int limit) {
        return dsl.fetch("""
                select d.id, d.tenant_id, d.webhook_id, d.attempt_count, w.enabled, d.event_id, d.event_type,
                       d.attempt_count >= case when w.retry_enabled then w.retry_max_attempts else 1 end as exhausted
                  from delivery d join webhook w on w.id = d.webhook_id
                 where d.status = 'waiting' and d.next_attempt_at < now()
                 order by d.next_attempt_at
                 limit ?
                   for update of d skip locked
                """, limit).map(DeliveryQueue::swept);
    }

    private static SweptDelivery swept(Record row) {
        return new SweptDelivery(
                row.get("id", String.class),
                row.get("tenant_id", String.class),
                row.get("webhook_id", String.class),
                row.get("attempt_count", Integer.class),
                row.get("enabled", Boolean.class),
                row.get("exhausted", Boolean.class),
                row.get("event_id", String.class),
                row.get("event_type", String.class));
    }

    /**
     * Moves a swept delivery on: to {@code failed}, or back to {@code pending} at {@code next}
     * (null = parked); bumps the fencing token so a late result of the old lease is refused.
     */
    public void moveSwept(String deliveryId, DeliveryStatus status, @Nullable OffsetDateTime next) {
        if (status != DeliveryStatus.FAILED && status != DeliveryStatus.PENDING) {
            throw new IllegalArgumentException("a swept delivery moves to failed or pending, not " + status);
        }
        dsl.update(DELIVERY)
                .set(DELIVERY.STATUS, status.literal())
                .set(DELIVERY.NEXT_ATTEMPT_AT, next)
                .set(DELIVERY.LEASE_UNTIL, (OffsetDateTime) null)
                .set(DELIVERY.ACK_TOKEN_HASH, (String) null)
                .set(DELIVERY.LEASE_TOKEN, DELIVERY.LEASE_TOKEN.plus(1))
                .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(DELIVERY.ID.eq(deliveryId))
                .execute();
    }

    /** Logs an attempt that was sent but whose result never reached the database. */
    public void recordUnrecordedAttempt(
            String attemptId, String tenantId, String deliveryId, int number, String error) {
        dsl.insertInto(DELIVERY_ATTEMPT)
                .set(DELIVERY_ATTEMPT.ID, attemptId)
                .set(DELIVERY_ATTEMPT.TENANT_ID, tenantId)
                .set(DELIVERY_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(DELIVERY_ATTEMPT.NUMBER, number)
                .set(DELIVERY_ATTEMPT.STARTED_AT, DSL.currentOffsetDateTime())
                .set(DELIVERY_ATTEMPT.DURATION_MS, 0)
                .set(DELIVERY_ATTEMPT.REQUEST_HEADERS, JSONB.valueOf("{}"))
                .set(DELIVERY_ATTEMPT.ERROR, error)
                .execute();
    }

    /** Puts a reason on a delivery's last attempt (an overdue or negative acknowledgement). */
    public void setLastAttemptReason(String deliveryId, String reason) {
        dsl.update(DELIVERY_ATTEMPT)
                .set(DELIVERY_ATTEMPT.REASON, reason)
                .where(DELIVERY_ATTEMPT.ID.eq(dsl.select(DSL.max(DELIVERY_ATTEMPT.ID))
                        .from(DELIVERY_ATTEMPT)
                        .where(DELIVERY_ATTEMPT.DELIVERY_ID.eq(deliveryId))))
                .execute();
    }

    // --- parked and resumed with the webhook ----------------------------------------------

    /**
     * A disabled webhook's pending deliveries wait without a due time (so the worker does not
     * wade through them); they keep their place and resume when it is enabled again.
     */
    public void park(TenantId tenant, String webhookId) {
        dsl.update(DELIVERY)
                .set(DELIVERY.NEXT_ATTEMPT_AT, (OffsetDateTime) null)
                .where(
                        DELIVERY.TENANT_ID.eq(tenant.value()),
                        DELIVERY.WEBHOOK_ID.eq(webhookId),
                        DELIVERY.STATUS.eq(PENDING))
                .execute();
    }

    /** Enabling a webhook makes its parked deliveries due now. */
    public void resume(TenantId tenant, String webhookId) {
        dsl.update(DELIVERY)
                .set(DELIVERY.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                .where(
                        DELIVERY.TENANT_ID.eq(tenant.value()),
                        DELIVERY.WEBHOOK_ID.eq(webhookId),
                        DELIVERY.STATUS.eq(PENDING),
                        DELIVERY.NEXT_ATTEMPT_AT.isNull())
                .execute();
    }

    // --- resent and recovered by the tenant -----------------------------------------------

    /**
     * Queues one more attempt now, whatever the retry policy said; not while one is in flight.
     * The update itself carries the condition, so a resend racing a worker's claim either
     * happens before the claim (and the claim sends it once) or finds it in flight — never a
     * second concurrent send. Returns false when the delivery is {@code delivering} (or absent).
     */
    public boolean resend(TenantId tenant, DeliveryId deliveryId, String webhookId) {
        return dsl.update(DELIVERY)
                        .set(DELIVERY.STATUS, PENDING)
                        .set(DELIVERY.NEXT_ATTEMPT_AT, dueNowUnlessDisabled(tenant, webhookId))
                        .set(DELIVERY.ACK_TOKEN_HASH, (String) null)
                        .set(DELIVERY.LEASE_UNTIL, (OffsetDateTime) null)
                        .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(
                                DELIVERY.TENANT_ID.eq(tenant.value()),
                                DELIVERY.ID.eq(deliveryId.value()),
                                DELIVERY.STATUS.ne(DeliveryStatus.DELIVERING.literal()))
                        .execute()
                == 1;
    }

    /** Re-queues every failed delivery of the webhook created since {@code since}; returns how many. */
    public int recover(TenantId tenant, String webhookId, OffsetDateTime since) {
        return dsl.update(DELIVERY)
                .set(DELIVERY.STATUS, PENDING)
                .set(DELIVERY.NEXT_ATTEMPT_AT, dueNowUnlessDisabled(tenant, webhookId))
                .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(
                        DELIVERY.TENANT_ID.eq(tenant.value()),
                        DELIVERY.WEBHOOK_ID.eq(webhookId),
                        DELIVERY.STATUS.eq(DeliveryStatus.FAILED.literal()),
                        DELIVERY.CREATED_AT.ge(since))
                .execute();
    }

    /**
     * Due now; or, for a disabled webhook, parked until it is enabled again (as its other
     * deliveries are). The webhook row is read {@code FOR SHARE}, so a concurrent disable waits
     * for this transaction and then parks what it queued: nothing due ever hides under a
     * disabled webhook at the head of the queue.
     */
    private @Nullable OffsetDateTime dueNowUnlessDisabled(TenantId tenant, String webhookId) {
        Boolean enabled = dsl.select(WEBHOOK.ENABLED)
                .from(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(webhookId))
                .forShare()
                .fetchOne(WEBHOOK.ENABLED);
        if (enabled == null) {
            throw new DomainException.NotFound("webhook", webhookId);
        }
        return enabled ? now() : null;
    }

    // --- removed by retention -------------------------------------------------------------

    /**
     * Removes up to {@code batch} attempts whose id (a ULID, made when the attempt is recorded,
     * within its timeout of its start) is below {@code cutoffId}, oldest first; returns how
     * many. The primary key serves the range, so the log needs no index on its start time.
     */
    public int deleteAttemptsBefore(String cutoffId, int batch) {
        return dsl.deleteFrom(DELIVERY_ATTEMPT)
                .where(DELIVERY_ATTEMPT.ID.in(DSL.select(DELIVERY_ATTEMPT.ID)
                        .from(DELIVERY_ATTEMPT)
                        .where(DELIVERY_ATTEMPT.ID.lt(cutoffId))
                        .orderBy(DELIVERY_ATTEMPT.ID)
                        .limit(batch)))
                .execute();
    }

    /**
     * Removes up to {@code batch} final deliveries whose id (a ULID) is below {@code cutoffId},
     * oldest first (their attempts go with them), and with them any delivery of a webhook that is
     * gone (see {@link #deleteOfWebhook}); returns how many.
     */
    public int deleteFinalBefore(String cutoffId, int batch) {
        return deleted(DELETE_FINAL, FixedStatement.Binder.values(cutoffId, batch));
    }

    // --- removed with the webhook ---------------------------------------------------------

    /**
     * Deletes every delivery of a webhook that is being deleted, in the caller's transaction
     * (their attempts go with them); returns how many. No foreign key does this (V18 dropped it:
     * every publish locked the webhook row through it). A publish that read the webhook's routes
     * before its delete and commits after it still leaves a delivery behind: the claim, the
     * sweeps and {@link #anyDue}/{@link #stats} join the webhook and pass it over, and
     * {@link #deleteFinalBefore} removes it with the final ones.
     */
    public int deleteOfWebhook(TenantId tenant, String webhookId) {
        return deleted(DELETE_OF_WEBHOOK, FixedStatement.Binder.values(tenant.value(), webhookId));
    }

    /** Runs one of the two deleting statements; returns the count of deliveries it gives back. */
    private int deleted(String sql, FixedStatement.Binder parameters) {
        return FixedStatement.query(dsl, sql, parameters, row -> row.getInt(1)).getFirst();
    }

    /**
     * Removes up to {@code batch} rows of {@code delivery_stats} whose hour started before
     * {@code cutoff}, oldest first; returns how many.
     */
    public int deleteStatsBefore(OffsetDateTime cutoff, int batch) {
        return dsl.deleteFrom(DELIVERY_STATS)
                .where(DSL.row(DELIVERY_STATS.TENANT_ID, DELIVERY_STATS.WEBHOOK_ID, DELIVERY_STATS.BUCKET_START)
                        .in(DSL.select(DELIVERY_STATS.TENANT_ID, DELIVERY_STATS.WEBHOOK_ID, DELIVERY_STATS.BUCKET_START)
                                .from(DELIVERY_STATS)
                                .where(DELIVERY_STATS.BUCKET_START.lt(cutoff))
                                .orderBy(DELIVERY_STATS.BUCKET_START)
                                .limit(batch)))
                .execute();
    }

    // --- read for the worker's metrics ----------------------------------------------------

    /** Queue depth and the age in seconds of the oldest due delivery, for the metrics. */
    public QueueStats stats() {
        Record row = dsl.fetchSingle("""
                select count(*) as depth,
                       coalesce(extract(epoch from now() - min(d.next_attempt_at)), 0) as oldest_due_seconds
                  from delivery d join webhook w on w.id = d.webhook_id
                 where d.status = 'pending' and d.next_attempt_at <= now()
                """);
        return new QueueStats(row.get("depth", Long.class), row.get("oldest_due_seconds", Double.class));
    }
}
