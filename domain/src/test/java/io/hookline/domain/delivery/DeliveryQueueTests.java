package io.hookline.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.domain.testing.TestDatabase;
import io.hookline.tenancy.DeliveryId;
import io.hookline.tenancy.EventId;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The queue's transitions against a real PostgreSQL with the production migrations, one
 * statement at a time (each its own transaction), without an application around it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryQueueTests {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private static CloseableDSLContext dsl;
    private static DeliveryQueue queue;
    private static TestDatabase.Connection database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.freshDatabase();
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
    void claimTakesDueDeliveriesAndSkipsThoseOfADisabledWebhook() {
        TenantId tenant = tenant();
        String enabled = webhook(tenant, true, true, 5);
        String disabled = webhook(tenant, false, true, 5);
        String due = enqueue(tenant, enabled);
        // due by its time, but its webhook is disabled: not claimed even when not parked
        String underDisabled = enqueue(tenant, disabled);

        List<Claim> claimed = queue.claim(100, 100, LEASE);

        assertThat(claimed).extracting(Claim::deliveryId).contains(due).doesNotContain(underDisabled);
        Claim claim = claimed.stream()
                .filter(c -> c.deliveryId().equals(due))
                .findFirst()
                .orElseThrow();
        assertThat(claim.attempt()).isEqualTo(1);
        assertThat(claim.leaseToken()).isEqualTo(1);
        assertThat(claim.url()).isEqualTo("https://receiver.example/" + enabled);
        assertThat(claim.administrationCode()).startsWith("adm");
        assertThat(claim.maxAttempts()).isEqualTo(5);
        assertThat(status(due)).isEqualTo("delivering");
        assertThat(status(underDisabled)).isEqualTo("pending");
        assertThat(queue.claim(100, 100, LEASE)).extracting(Claim::deliveryId).doesNotContain(due);
    }

    @Test
    void settleIsAppliedOnlyUnderTheCurrentLeaseToken() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        String id = enqueue(tenant, webhook);
        Claim claim = claim(id);

        List<String> stale = queue.settle(
                List.of(new Settlement(id, claim.leaseToken() - 1, DeliveryStatus.SUCCEEDED, null, false)));
        assertThat(stale).isEmpty();
        assertThat(status(id)).isEqualTo("delivering");

        List<String> current =
                queue.settle(List.of(new Settlement(id, claim.leaseToken(), DeliveryStatus.SUCCEEDED, null, false)));
        assertThat(current).containsExactly(id);
        assertThat(status(id)).isEqualTo("succeeded");

        // settled once: the same token cannot settle it again
        assertThat(queue.settle(List.of(new Settlement(id, claim.leaseToken(), DeliveryStatus.FAILED, null, false))))
                .isEmpty();
        assertThat(status(id)).isEqualTo("succeeded");
    }

    @Test
    void resendOfADeliveringDeliveryIsRefusedAndOfAFailedOneQueuesItDueNow() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        String id = enqueue(tenant, webhook);
        Claim claim = claim(id);

        assertThat(queue.resend(tenant, new DeliveryId(id), webhook)).isFalse();
        assertThat(status(id)).isEqualTo("delivering");

        queue.settle(List.of(new Settlement(id, claim.leaseToken(), DeliveryStatus.FAILED, null, false)));
        assertThat(queue.resend(tenant, new DeliveryId(id), webhook)).isTrue();
        assertThat(status(id)).isEqualTo("pending");
        assertThat(dsl.fetchValue("select next_attempt_at is not null from delivery where id = ?", id))
                .isEqualTo(true);
    }

    @Test
    void resendIsRefusedForAnotherTenantsDelivery() {
        TenantId owner = tenant();
        String webhook = webhook(owner, true, true, 5);
        String id = enqueue(owner, webhook);
        Claim claim = claim(id);
        queue.settle(List.of(new Settlement(id, claim.leaseToken(), DeliveryStatus.FAILED, null, false)));

        TenantId other = tenant();
        String othersWebhook = webhook(other, true, true, 5);
        assertThat(queue.resend(other, new DeliveryId(id), othersWebhook)).isFalse();
        assertThat(status(id)).isEqualTo("failed");
    }

    @Test
    void aReleasedAttemptGivesItsAttemptBackAndIsDueAgain() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        String id = enqueue(tenant, webhook);
        Claim claim = claim(id);
        assertThat(attempts(id)).isEqualTo(1);

        assertThat(queue.settle(
                        List.of(new Settlement(id, claim.leaseToken(), DeliveryStatus.PENDING, queue.now(), true))))
                .containsExactly(id);

        assertThat(status(id)).isEqualTo("pending");
        assertThat(attempts(id)).isZero();
        assertThat(queue.claim(100, 100, LEASE))
                .filteredOn(c -> c.deliveryId().equals(id))
                .singleElement()
                .satisfies(again -> assertThat(again.attempt()).isEqualTo(1));
    }

    @Test
    void sweepFailsAnExpiredLeaseWhoseAttemptsAreUsedUpAndLeavesOthersToTheClaim() {
        TenantId tenant = tenant();
        String single = webhook(tenant, true, false, 1);
        String retrying = webhook(tenant, true, true, 5);
        String exhausted = enqueue(tenant, single);
        String retryable = enqueue(tenant, retrying);
        // leases that end at once: the next statement finds them expired
        List<Claim> claimed = queue.claim(100, 100, Duration.ZERO);
        assertThat(claimed).extracting(Claim::deliveryId).contains(exhausted, retryable);

        List<SweptDelivery> swept = queue.expiredLeasesToSettle(100);

        assertThat(swept)
                .extracting(SweptDelivery::deliveryId)
                .contains(exhausted)
                .doesNotContain(retryable);
        SweptDelivery row = swept.stream()
                .filter(s -> s.deliveryId().equals(exhausted))
                .findFirst()
                .orElseThrow();
        assertThat(row.exhausted()).isTrue();
        assertThat(row.attempt()).isEqualTo(1);
        queue.moveSwept(exhausted, DeliveryStatus.FAILED, null);
        assertThat(status(exhausted)).isEqualTo("failed");
        assertThat(dsl.fetchValue("select lease_token from delivery where id = ?", exhausted))
                .isEqualTo(2L);
        // the retryable expired lease is the claim's to take over, with its next attempt
        assertThat(queue.claim(100, 100, LEASE))
                .filteredOn(c -> c.deliveryId().equals(retryable))
                .singleElement()
                .satisfies(again -> assertThat(again.attempt()).isEqualTo(2));
    }

    @Test
    void disablingParksPendingDeliveriesAndEnablingResumesThem() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        String id = enqueue(tenant, webhook);

        queue.park(tenant, webhook);
        assertThat(dsl.fetchValue("select next_attempt_at is null from delivery where id = ?", id))
                .isEqualTo(true);
        assertThat(queue.claim(100, 100, LEASE)).extracting(Claim::deliveryId).doesNotContain(id);

        queue.resume(tenant, webhook);
        assertThat(queue.claim(100, 100, LEASE)).extracting(Claim::deliveryId).contains(id);
    }

    @Test
    void deletingAWebhooksDeliveriesTakesTheirAttemptsAndLeavesOtherWebhooksAlone() {
        TenantId tenant = tenant();
        String deleted = webhook(tenant, true, true, 5);
        String kept = webhook(tenant, true, true, 5);
        String sent = attempted(tenant, deleted, DeliveryStatus.SUCCEEDED, null);
        String waiting = enqueue(tenant, deleted);
        String other = attempted(tenant, kept, DeliveryStatus.FAILED, null);

        assertThat(queue.deleteOfWebhook(tenant, deleted)).isEqualTo(2);

        assertThat(dsl.fetchCount(DSL.table("delivery"), DSL.field("id").in(sent, waiting)))
                .isZero();
        assertThat(attemptsOf(sent)).isZero();
        assertThat(status(other)).isEqualTo("failed");
        assertThat(attemptsOf(other)).isEqualTo(1);
    }

    @Test
    void retentionTakesAFinalDeliverysAttemptsWithItAndLeavesAPendingOneAndItsAttempts() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        String done = attempted(tenant, webhook, DeliveryStatus.SUCCEEDED, null);
        String retried =
                attempted(tenant, webhook, DeliveryStatus.PENDING, queue.now().plusSeconds(3600));

        String cutoff = DeliveryId.next().value();
        while (queue.deleteFinalBefore(cutoff, 100) > 0) {
            // in batches, as Retention does
        }

        assertThat(dsl.fetchCount(DSL.table("delivery"), DSL.field("id").eq(done)))
                .isZero();
        assertThat(attemptsOf(done)).isZero();
        assertThat(status(retried)).isEqualTo("pending");
        assertThat(attemptsOf(retried)).isEqualTo(1);
    }

    /** A delivery claimed, settled as {@code status} (due at {@code next}) and with one attempt logged. */
    private String attempted(
            TenantId tenant, String webhook, DeliveryStatus status, java.time.@Nullable OffsetDateTime next) {
        String id = enqueue(tenant, webhook);
        Claim claim = claim(id);
        queue.settle(List.of(new Settlement(id, claim.leaseToken(), status, next, false)));
        queue.recordUnrecordedAttempt(Ids.next(IdPrefix.ATTEMPT), tenant.value(), id, 1, "test");
        return id;
    }

    private static int attemptsOf(String deliveryId) {
        return dsl.fetchCount(
                DSL.table("delivery_attempt"), DSL.field("delivery_id").eq(deliveryId));
    }

    /**
     * Runs first, on the class's fresh database, so that the queue's figures ({@code stats},
     * {@code anyDue}) count nothing but what this test leaves.
     */
    @Test
    @Order(1)
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPublishRacingItsWebhooksDeleteLeavesDeliveriesNothingTakesAndRetentionRemoves() throws Exception {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        List<String> orphans = new java.util.ArrayList<>();
        try (java.sql.Connection publishing =
                DriverManager.getConnection(database.url(), database.username(), database.password())) {
            publishing.setAutoCommit(false);
            // a batch publish read the webhook's routes and inserted its deliveries, and has not
            // committed
            for (int i = 0; i < 4; i++) {
                orphans.add(enqueue(DSL.using(publishing, SQLDialect.POSTGRES), tenant, webhook));
            }
            // meanwhile the webhook is deleted as WebhookRegistry.delete does it: no foreign key
            // makes it wait for the publish, and the deliveries it cannot see yet stay behind
            dsl.transaction(config -> {
                assertThat(config.dsl().execute("delete from webhook where id = ?", webhook))
                        .isEqualTo(1);
                new DeliveryQueue(config.dsl(), Clock.systemUTC()).deleteOfWebhook(tenant, webhook);
            });
            publishing.commit();
        }
        assertThat(orphans).allSatisfy(id -> assertThat(status(id)).isEqualTo("pending"));
        // a delivery of another webhook, due after them: those left behind must not stand in its way
        String later = enqueue(tenant, webhook(tenant, true, true, 5));

        // due by their time, but neither the queue's figures nor a claim count them, not even a
        // claim of one, whose four candidates they would fill
        assertThat(queue.stats().depth()).isEqualTo(1);
        assertThat(queue.claim(1, 100, LEASE)).extracting(Claim::deliveryId).containsExactly(later);
        assertThat(queue.anyDue()).isFalse();
        assertThat(queue.stats().depth()).isZero();
        assertThat(orphans).allSatisfy(id -> assertThat(status(id)).isEqualTo("pending"));

        // retention takes them with the final deliveries, though they never became final, and
        // leaves the delivery whose webhook is there and which is still in flight
        String cutoff = DeliveryId.next().value();
        while (queue.deleteFinalBefore(cutoff, 100) > 0) {
            // in batches, as Retention does
        }
        assertThat(dsl.fetchCount(DSL.table("delivery"), DSL.field("id").in(orphans)))
                .isZero();
        assertThat(status(later)).isEqualTo("delivering");
    }

    private Claim claim(String id) {
        return queue.claim(100, 100, LEASE).stream()
                .filter(c -> c.deliveryId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void deferringHandsThrottledClaimsBackPendingAtSpacedSlotsWithoutCountingAnAttempt() {
        TenantId tenant = tenant();
        String webhook = webhook(tenant, true, true, 5);
        dsl.execute("update webhook set rate_limit = 4 where id = ?", webhook);
        List<String> ids = List.of(enqueue(tenant, webhook), enqueue(tenant, webhook), enqueue(tenant, webhook));
        List<Claim> claimed = queue.claim(100, 100, LEASE).stream()
                .filter(claim -> ids.contains(claim.deliveryId()))
                .toList();
        assertThat(claimed)
                .hasSize(3)
                .allSatisfy(claim -> assertThat(claim.rateLimit()).isEqualTo(4));
        var earliest = queue.now().plusSeconds(1);

        List<String> deferred = queue.defer(
                claimed.stream().map(claim -> new Deferral(claim, earliest)).toList());

        assertThat(deferred).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(status(id)).isEqualTo("pending");
            assertThat(attempts(id)).isZero();
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("delivery_attempt")
                        .where("delivery_id = any(?)", (Object) ids.toArray(String[]::new))))
                .isZero();
        // one slot each, a quarter of a second apart, from the earliest
        List<java.time.OffsetDateTime> slots = dsl.fetch(
                        "select next_attempt_at from delivery where id = any(?) order by next_attempt_at",
                        (Object) ids.toArray(String[]::new))
                .getValues(0, java.time.OffsetDateTime.class);
        assertThat(slots.getFirst()).isAtSameInstantAs(earliest);
        assertThat(Duration.between(slots.get(0), slots.get(1))).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.between(slots.get(1), slots.get(2))).isEqualTo(Duration.ofMillis(250));
        // nothing due now: the backlog is not claimed again before its slots
        assertThat(queue.claim(100, 100, LEASE)).extracting(Claim::deliveryId).doesNotContainAnyElementsOf(ids);

        // the next deferral of this webhook queues behind the last slot, not beside the first
        String later = enqueue(tenant, webhook);
        Claim claim = queue.claim(100, 100, LEASE).stream()
                .filter(c -> c.deliveryId().equals(later))
                .findFirst()
                .orElseThrow();
        queue.defer(List.of(new Deferral(claim, queue.now())));
        assertThat(dsl.fetchSingle("select next_attempt_at from delivery where id = ?", later)
                        .get(0, java.time.OffsetDateTime.class))
                .isAtSameInstantAs(slots.getLast().plus(Duration.ofMillis(250)));

        // a changed limit makes the deferred backlog due now
        queue.rethrottle(tenant, webhook);
        assertThat(queue.claim(100, 100, LEASE))
                .extracting(Claim::deliveryId)
                .containsAll(ids)
                .contains(later);
    }

    private static TenantId tenant() {
        String id = Ids.next(IdPrefix.TENANT);
        dsl.execute(
                "insert into tenant (id, name, administration_code) values (?, ?, ?)",
                id,
                "queue test",
                "adm" + Long.toString(System.nanoTime(), 36));
        return new TenantId(id);
    }

    private static String webhook(TenantId tenant, boolean enabled, boolean retry, int maxAttempts) {
        String id = Ids.next(IdPrefix.WEBHOOK);
        dsl.execute("""
                insert into webhook (id, tenant_id, name, url, events, sites, filters, enabled, headers,
                                     timeout_seconds, retry_enabled, retry_max_attempts, async_acknowledgement,
                                     signature_scheme, secret_ciphertext, secret_key_id, created_at, updated_at)
                values (?, ?, 'queue test', ?, array['order.placed'], array[]::varchar[], '[]'::jsonb, ?, '{}'::jsonb,
                        5, ?, ?, false, 'standard', '\\x00'::bytea, 'k1', now(), now())
                """, id, tenant.value(), "https://receiver.example/" + id, enabled, retry, maxAttempts);
        return id;
    }

    /** One delivery of a fresh event, due a second ago. */
    private static String enqueue(TenantId tenant, String webhook) {
        return enqueue(dsl, tenant, webhook);
    }

    /** As {@link #enqueue(TenantId, String)}, through {@code through} (a transaction of its own). */
    private static String enqueue(DSLContext through, TenantId tenant, String webhook) {
        DeliveryQueue queue = new DeliveryQueue(through, Clock.systemUTC());
        EventId event = EventId.next();
        var created = queue.now().minusSeconds(1);
        through.execute(
                "insert into event (id, tenant_id, type, body, created_at) values (?, ?, 'order.placed', '{}', ?::timestamptz)",
                event.value(),
                tenant.value(),
                created.toString());
        DeliveryId id = DeliveryId.next();
        queue.enqueue(tenant, event, "order.placed", created, List.of(new NewDelivery(id, webhook, false)));
        return id.value();
    }

    private static String status(String id) {
        return String.valueOf(dsl.fetchValue("select status from delivery where id = ?", id));
    }

    private static int attempts(String id) {
        return ((Number) java.util.Objects.requireNonNull(
                        dsl.fetchValue("select attempt_count from delivery where id = ?", id)))
                .intValue();
    }
}
