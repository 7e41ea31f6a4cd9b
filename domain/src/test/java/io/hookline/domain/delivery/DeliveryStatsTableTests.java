package io.hookline.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.domain.testing.TestDatabase;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.CloseableDSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code delivery_stats} as the queue writes it, against a real PostgreSQL with the production
 * migrations: batches add up into one row per webhook and hour, histograms element by element.
 */
class DeliveryStatsTableTests {

    private static final OffsetDateTime TEN = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    private static CloseableDSLContext dsl;
    private static DeliveryQueue queue;

    @BeforeAll
    static void migrate() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        dsl = DSL.using(database.url(), database.username(), database.password());
        queue = new DeliveryQueue(dsl, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        dsl.close();
    }

    @Test
    void batchesAddUpIntoOneRowPerWebhookAndHour() {
        TenantId tenant = tenant();
        String webhook = Ids.next(IdPrefix.WEBHOOK);
        DeliveryCounts expected = new DeliveryCounts();

        queue.recordStats(new StatsTally()
                .attempt(tenant.value(), webhook, TEN.plusMinutes(1), AttemptClass.SUCCEEDED, 12L)
                .attempt(tenant.value(), webhook, TEN.plusMinutes(2), AttemptClass.HTTP_5XX, 40L)
                .finished(tenant.value(), webhook, TEN.plusMinutes(2), DeliveryStatus.SUCCEEDED));
        queue.recordStats(new StatsTally()
                .attempt(tenant.value(), webhook, TEN.plusMinutes(59), AttemptClass.TIMEOUT, 1_000L)
                .attempt(tenant.value(), webhook, TEN.plusMinutes(59), AttemptClass.SUCCEEDED, 12L)
                .attempt(tenant.value(), webhook, TEN.plusMinutes(59), AttemptClass.OTHER, null)
                .finished(tenant.value(), webhook, TEN.plusMinutes(59), DeliveryStatus.FAILED)
                // the next hour is a row of its own
                .attempt(tenant.value(), webhook, TEN.plusMinutes(60), AttemptClass.CONNECTION, 2L));
        expected.countAttempt(AttemptClass.SUCCEEDED, 12L)
                .countAttempt(AttemptClass.HTTP_5XX, 40L)
                .countAttempt(AttemptClass.TIMEOUT, 1_000L)
                .countAttempt(AttemptClass.SUCCEEDED, 12L)
                .countAttempt(AttemptClass.OTHER, null)
                .countFinished(DeliveryStatus.SUCCEEDED)
                .countFinished(DeliveryStatus.FAILED);

        List<Record> rows = rows(webhook);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("bucket_start", OffsetDateTime.class)).isEqualTo(TEN);
        assertThat(counts(rows.get(0))).isEqualTo(expected);
        assertThat(rows.get(0).get("attempts_succeeded", Long.class)).isEqualTo(2);
        assertThat(rows.get(1).get("bucket_start", OffsetDateTime.class)).isEqualTo(TEN.plusHours(1));
        assertThat(counts(rows.get(1))).isEqualTo(new DeliveryCounts().countAttempt(AttemptClass.CONNECTION, 2L));
    }

    @Test
    void oneStatementAddsToManyWebhooksRowsAndTheirHistogramsElementByElement() {
        TenantId tenant = tenant();
        List<String> webhooks =
                List.of(Ids.next(IdPrefix.WEBHOOK), Ids.next(IdPrefix.WEBHOOK), Ids.next(IdPrefix.WEBHOOK));
        DeliveryCounts[] expected = {new DeliveryCounts(), new DeliveryCounts(), new DeliveryCounts()};
        java.util.Random random = new java.util.Random(3);
        for (int batch = 0; batch < 5; batch++) {
            StatsTally tally = new StatsTally();
            for (int i = 0; i < 40; i++) {
                int which = random.nextInt(webhooks.size());
                long millis = random.nextInt(3_000);
                AttemptClass outcome = AttemptClass.values()[random.nextInt(AttemptClass.values().length)];
                tally.attempt(tenant.value(), webhooks.get(which), TEN, outcome, millis);
                expected[which].countAttempt(outcome, millis);
            }
            queue.recordStats(tally);
        }

        for (int i = 0; i < webhooks.size(); i++) {
            List<Record> rows = rows(webhooks.get(i));
            assertThat(rows).hasSize(1);
            assertThat(counts(rows.getFirst())).isEqualTo(expected[i]);
        }
        assertThat(Arrays.stream(expected).mapToLong(DeliveryCounts::attempts).sum())
                .isEqualTo(200);
    }

    @Test
    void anEmptyTallyWritesNothing() {
        long before = dsl.fetchCount(DSL.table("delivery_stats"));

        queue.recordStats(new StatsTally());

        assertThat(dsl.fetchCount(DSL.table("delivery_stats"))).isEqualTo(before);
    }

    @Test
    void anAcknowledgementCountsTheDeliveryItEndsButNoSecondAttempt() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant);
        String done = leasedWithAckToken(tenant, webhook, "hash-done-" + webhook);
        String failed = leasedWithAckToken(tenant, webhook, "hash-failed-" + webhook);

        assertThat(queue.acknowledge("hash-done-" + webhook, true, null)).contains(done);
        assertThat(queue.acknowledge("hash-failed-" + webhook, false, "out of stock"))
                .contains(failed);
        // a used link ends nothing and counts nothing
        assertThat(queue.acknowledge("hash-done-" + webhook, true, null)).isEmpty();

        DeliveryCounts counted = new DeliveryCounts();
        rows(webhook).forEach(row -> counted.add(counts(row)));
        assertThat(counted)
                .isEqualTo(new DeliveryCounts()
                        .countFinished(DeliveryStatus.SUCCEEDED)
                        .countFinished(DeliveryStatus.FAILED));
    }

    @Test
    void retentionRemovesRowsWhoseHourBeganBeforeTheCutoffOldestFirstInBatches() {
        TenantId tenant = tenant();
        String webhook = Ids.next(IdPrefix.WEBHOOK);
        OffsetDateTime longAgo = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        StatsTally tally = new StatsTally();
        for (int hour = 0; hour < 5; hour++) {
            tally.attempt(tenant.value(), webhook, longAgo.plusHours(hour), AttemptClass.SUCCEEDED, 1L);
        }
        queue.recordStats(tally);

        // hours 0, 1 and 2 began before 02:00:01; only two go per statement
        assertThat(queue.deleteStatsBefore(longAgo.plusHours(2).plusSeconds(1), 2))
                .isEqualTo(2);
        assertThat(rows(webhook))
                .extracting(row -> row.get("bucket_start", OffsetDateTime.class))
                .containsExactly(longAgo.plusHours(2), longAgo.plusHours(3), longAgo.plusHours(4));
        assertThat(queue.deleteStatsBefore(longAgo.plusHours(2).plusSeconds(1), 2))
                .isEqualTo(1);
        assertThat(rows(webhook)).hasSize(2);
    }

    @Test
    void tenantsMayReadOnlyTheirOwnRowsAndOnlyTheWorkerMayWriteThem() {
        TenantId tenant = tenant();
        TenantId other = tenant();
        queue.recordStats(new StatsTally()
                .attempt(tenant.value(), Ids.next(IdPrefix.WEBHOOK), TEN, AttemptClass.SUCCEEDED, 1L)
                .attempt(other.value(), Ids.next(IdPrefix.WEBHOOK), TEN, AttemptClass.SUCCEEDED, 1L));

        List<String> seen = dsl.transactionResult(configuration -> {
            var tx = DSL.using(configuration);
            tx.execute("select set_config('role', 'hookline_app', true)");
            tx.execute("select set_config('hookline.tenant_id', ?, true)", tenant.value());
            return tx.fetch("select tenant_id from delivery_stats").getValues(0, String.class);
        });
        assertThat(seen).containsOnly(tenant.value()).hasSize(1);

        assertThatThrownBy(() -> dsl.transaction(configuration -> {
                    var tx = DSL.using(configuration);
                    tx.execute("select set_config('role', 'hookline_app', true)");
                    tx.execute("select set_config('hookline.tenant_id', ?, true)", tenant.value());
                    tx.execute(
                            "update delivery_stats set attempts_succeeded = 1000 where tenant_id = ?", tenant.value());
                }))
                .isInstanceOfSatisfying(
                        org.jooq.exception.DataAccessException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("42501")); // insufficient_privilege
    }

    private static List<Record> rows(String webhook) {
        return dsl.fetch("select * from delivery_stats where webhook_id = ? order by bucket_start", webhook);
    }

    private static DeliveryCounts counts(Record row) {
        Long[] bins = row.get("latency_histogram", Long[].class);
        return DeliveryCounts.of(
                row.get("attempts_succeeded", Long.class),
                row.get("attempts_timeout", Long.class),
                row.get("attempts_connection", Long.class),
                row.get("attempts_4xx", Long.class),
                row.get("attempts_5xx", Long.class),
                row.get("attempts_other", Long.class),
                row.get("deliveries_succeeded", Long.class),
                row.get("deliveries_failed", Long.class),
                Arrays.stream(bins).mapToLong(Long::longValue).toArray());
    }

    private static TenantId tenant() {
        String id = Ids.next(IdPrefix.TENANT);
        dsl.execute(
                "insert into tenant (id, name, administration_code) values (?, ?, ?)",
                id,
                "stats test",
                "st" + Long.toString(System.nanoTime(), 36));
        return new TenantId(id);
    }

    private static String webhook(TenantId tenant) {
        String id = Ids.next(IdPrefix.WEBHOOK);
        dsl.execute("""
                insert into webhook (id, tenant_id, name, url, events, sites, filters, enabled, headers,
                                     timeout_seconds, retry_enabled, retry_max_attempts, async_acknowledgement,
                                     signature_scheme, secret_ciphertext, secret_key_id, created_at, updated_at)
                values (?, ?, 'stats test', ?, array['order.placed'], array[]::varchar[], '[]'::jsonb, true, '{}'::jsonb,
                        5, true, 3, true, 'standard', '\\x00'::bytea, 'k1', now(), now())
                """, id, tenant.value(), "https://receiver.example/" + id);
        return id;
    }

    /** A delivery claimed and holding an acknowledgement token's hash, as an async send leaves it. */
    private static String leasedWithAckToken(TenantId tenant, String webhook, String tokenHash) {
        String event = Ids.next(IdPrefix.EVENT);
        dsl.execute(
                "insert into event (id, tenant_id, type, body, created_at) values (?, ?, 'order.placed', '{}', now())",
                event,
                tenant.value());
        DeliveryId id = DeliveryId.next();
        queue.enqueueLeased(tenant, id, webhook, new EventId(event), "order.placed", Duration.ofSeconds(60));
        Claim claim = queue.claimOne(id, Duration.ofSeconds(60)).orElseThrow();
        assertThat(queue.setAckToken(id.value(), claim.leaseToken(), tokenHash)).isTrue();
        return id.value();
    }
}
