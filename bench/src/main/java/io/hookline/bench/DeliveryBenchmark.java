package io.hookline.bench;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.EVENT;

import com.sun.net.httpserver.HttpServer;
import io.hookline.api.HooklineApplication;
import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.domain.db.EmbeddedPostgresLauncher;
import io.hookline.domain.event.EventOutbox;
import io.hookline.domain.network.OutboundAddressPolicy;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.domain.webhook.SignatureScheme;
import io.hookline.domain.webhook.Webhook;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.domain.webhook.WebhookSettings;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import io.hookline.tenancy.context.CallerContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.InsertValuesStep9;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end delivery figures on this machine: one Hookline node, a durable embedded
 * PostgreSQL (fsync on) and a minimal local receiver, all on loopback.
 *
 * <pre>
 * java -jar bench/target/hookline-bench.jar [--backlog=100000] [--raw=50000] [--rate=200] [--seconds=30] [--drain=1000000]
 * </pre>
 */
public final class DeliveryBenchmark {

    private static final int TENANTS = 10;

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new java.util.HashMap<>(
                Map.of("backlog", 100_000, "raw", 50_000, "rate", 200, "seconds", 30, "drain", 1_000_000));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], Integer.parseInt(kv[1]));
        }
        new DeliveryBenchmark().run(options);
        System.exit(0);
    }

    private void run(Map<String, Integer> options) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                arrivals.putIfAbsent(id, System.nanoTime());
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        System.out.printf(
                "Hookline delivery benchmark — %d cores, max heap %d MiB, receiver %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, url);

        double raw = rawLimit(url, option(options, "raw"));
        Path dir = Files.createTempDirectory("hookline-bench");
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(dir.resolve("pgdata"), true, true);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HooklineApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + EmbeddedPostgresLauncher.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.hikari.maximum-pool-size=32",
                        "--hookline.dev.enabled=false",
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/unused",
                        "--hookline.secrets.encryption-key=q6qXW1M8W5m8mXzj8c3f9bqkq1l0o0mS4t7yC2b4d6E=",
                        "--hookline.webhooks.allow-http=true",
                        "--hookline.webhooks.allowed-networks=127.0.0.0/8",
                        "--hookline.delivery.concurrency=256",
                        "--hookline.delivery.per-webhook-in-flight=64",
                        "--hookline.delivery.batch-size=200",
                        "--logging.level.root=warn")) {
            List<TenantId> tenants = setUp(app, url);
            double sustained = backlog(app, tenants, option(options, "backlog"), "backlog");
            System.out.printf("%nraw HTTP limit (same client, same bodies, no database): %,.0f requests/s%n", raw);
            System.out.printf(
                    "end to end, backlog of %,d:                          %,.0f deliveries/s (target ≥ 2,000)%n",
                    option(options, "backlog"), sustained);
            System.out.printf("ratio end-to-end / raw:                               %.2f%n", sustained / raw);
            latency(app, tenants, option(options, "rate"), option(options, "seconds"));
            if (option(options, "drain") > 0) {
                backlog(app, tenants, option(options, "drain"), "drain");
                System.gc();
                long heap =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                DSLContext dsl = app.getBean(DSLContext.class);
                long dbSize = dsl.fetchSingle("select pg_database_size(current_database())")
                        .get(0, Long.class);
                System.out.printf(
                        "after draining %,d deliveries: heap used %d MiB, database %d MiB%n",
                        option(options, "drain"), heap >> 20, dbSize >> 20);
                dsl.fetch("""
                        select relname, pg_total_relation_size(relid) as bytes from pg_statio_user_tables
                         order by 2 desc limit 5""")
                        .forEach(r -> System.out.printf("  %-20s %6d MiB%n", r.get(0), r.get(1, Long.class) >> 20));
            }
        } finally {
            receiver.stop(0);
            postgres.close();
        }
    }

    /** The same client posting the same bodies to the same receiver, without the database. */
    private double rawLimit(String url, int requests) throws Exception {
        OutboundAddressPolicy policy =
                new OutboundAddressPolicy(true, List.of("127.0.0.0/8"), OutboundAddressPolicy.systemResolver());
        String body = "{\"id\":\"evt_x\",\"type\":\"order.placed\",\"data\":" + "{\"k\":\"" + "x".repeat(600) + "\"}}";
        Map<String, String> headers =
                Map.of("webhook-id", "raw", "webhook-signature", "v1,xxxx", "webhook-timestamp", "0");
        try (WebhookHttpClient client = new WebhookHttpClient(policy, "Hookline-Webhooks/bench", 256);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2_000; i++) {
                client.post(url, headers, body, 10);
            }
            Semaphore inFlight = new Semaphore(256);
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        client.post(url, headers, body, 10);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(256);
            return requests / ((System.nanoTime() - start) / 1e9);
        }
    }

    private List<TenantId> setUp(ConfigurableApplicationContext app, String url) {
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            Tenant tenant =
                    app.getBean(TenantRegistry.class).create(new TenantChanges("Bench " + i, "BENCH" + i, null, null));
            TenantId id = tenant.id();
            CallerContext.callAs(
                    new CallerContext.Caller("usr_bench", id),
                    () -> app.getBean(WebhookRegistry.class)
                            .create(
                                    id,
                                    new WebhookSettings(
                                            "bench",
                                            url,
                                            List.of("order.placed"),
                                            List.of(),
                                            List.of(),
                                            true,
                                            Map.of(),
                                            10,
                                            Webhook.Retry.DEFAULT,
                                            false,
                                            SignatureScheme.STANDARD)));
            tenants.add(id);
        }
        return tenants;
    }

    /**
     * Loads {@code count} committed events with their deliveries while they are parked, then
     * makes them all due at once and times the drain until every attempt is recorded.
     */
    private double backlog(ConfigurableApplicationContext app, List<TenantId> tenants, int count, String label) {
        DSLContext dsl = app.getBean(DSLContext.class);
        String sample = app.getBean(io.hookline.domain.catalog.EventCatalog.class)
                .find("order.placed")
                .orElseThrow()
                .sample()
                .toString();
        Map<TenantId, String> webhooks = new java.util.HashMap<>();
        for (TenantId tenant : tenants) {
            webhooks.put(
                    tenant,
                    dsl.fetchSingle("select id from webhook where tenant_id = ?", tenant.value())
                            .get(0, String.class));
        }
        long loadStart = System.nanoTime();
        OffsetDateTime now = Timestamps.now();
        int batch = 2_000;
        for (int done = 0; done < count; done += batch) {
            InsertValuesStep5<?, String, String, String, String, OffsetDateTime> events =
                    dsl.insertInto(EVENT, EVENT.ID, EVENT.TENANT_ID, EVENT.TYPE, EVENT.BODY, EVENT.CREATED_AT);
            InsertValuesStep9<
                            ?,
                            String,
                            String,
                            String,
                            String,
                            String,
                            String,
                            OffsetDateTime,
                            OffsetDateTime,
                            OffsetDateTime>
                    deliveries = dsl.insertInto(
                            DELIVERY,
                            DELIVERY.ID,
                            DELIVERY.TENANT_ID,
                            DELIVERY.WEBHOOK_ID,
                            DELIVERY.EVENT_ID,
                            DELIVERY.EVENT_TYPE,
                            DELIVERY.STATUS,
                            DELIVERY.NEXT_ATTEMPT_AT,
                            DELIVERY.CREATED_AT,
                            DELIVERY.UPDATED_AT);
            for (int i = done; i < Math.min(count, done + batch); i++) {
                TenantId tenant = tenants.get(i % tenants.size());
                String eventId = Ids.next("evt");
                String body = "{\"id\":\"" + eventId + "\",\"type\":\"order.placed\",\"timestamp\":\"" + now
                        + "\",\"tenantId\":\"" + tenant.value()
                        + "\",\"administrationCode\":\"BENCH\",\"siteId\":null,\"triggeredBy\":\"usr_bench\",\"data\":"
                        + sample + "}";
                events = events.values(eventId, tenant.value(), "order.placed", body, now);
                deliveries = deliveries.values(
                        Ids.next("dlv"),
                        tenant.value(),
                        webhooks.get(tenant),
                        eventId,
                        "order.placed",
                        "pending",
                        null,
                        now,
                        now);
            }
            events.execute();
            deliveries.execute();
        }
        long attemptsBefore = dsl.fetchCount(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT);
        System.out.printf(
                "%s: %,d events and deliveries committed in %.1f s; releasing them%n",
                label, count, (System.nanoTime() - loadStart) / 1e9);
        long start = System.nanoTime();
        dsl.execute("update delivery set next_attempt_at = now() where status = 'pending' and next_attempt_at is null");
        dsl.execute("select pg_notify('hookline_deliveries', '')");
        long recorded;
        do {
            sleep(Duration.ofMillis(500));
            recorded = dsl.fetchCount(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT) - attemptsBefore;
        } while (recorded < count);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d deliveries attempted and recorded in %.1f s%n", label, count, seconds);
        return count / seconds;
    }

    /**
     * Events committed one by one at a steady rate; latency = commit returned → receiver got
     * it. The first {@code WARM_UP} at the same rate are not counted: they measure the JIT and
     * the connection pool filling up, not the steady state.
     */
    private void latency(ConfigurableApplicationContext app, List<TenantId> tenants, int rate, int seconds) {
        steady(app, tenants, rate, WARM_UP_SECONDS, false);
        steady(app, tenants, rate, seconds, true);
    }

    private static final int WARM_UP_SECONDS = 10;

    private void steady(
            ConfigurableApplicationContext app, List<TenantId> tenants, int rate, int seconds, boolean report) {
        EventOutbox outbox = app.getBean(EventOutbox.class);
        TransactionTemplate transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        JsonNode data = app.getBean(io.hookline.domain.catalog.EventCatalog.class)
                .find("order.placed")
                .orElseThrow()
                .sample();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
                TenantId tenant = tenants.get(i % tenants.size());
                pool.execute(() -> CallerContext.callAs(new CallerContext.Caller("usr_bench", tenant), () -> {
                    String id = transactions.execute(status ->
                            outbox.emit(tenant, "order.placed", data, null).id());
                    committed.put(java.util.Objects.requireNonNull(id), System.nanoTime());
                    return id;
                }));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (committed.keySet().stream().anyMatch(id -> !arrivals.containsKey(id)) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        long[] micros = committed.entrySet().stream()
                .filter(e -> arrivals.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, arrivals.getOrDefault(e.getKey(), e.getValue()) - e.getValue()) / 1_000)
                .sorted()
                .toArray();
        if (!report) {
            return;
        }
        if (System.getenv("BENCH_DEBUG") != null) {
            committed.entrySet().stream()
                    .filter(e -> arrivals.containsKey(e.getKey()))
                    .sorted((a, b) -> Long.compare(
                            arrivals.getOrDefault(b.getKey(), 0L) - b.getValue(),
                            arrivals.getOrDefault(a.getKey(), 0L) - a.getValue()))
                    .limit(15)
                    .forEach(e -> System.out.printf(
                            "  slow: committed at +%d ms, took %d ms%n",
                            (e.getValue() - start) / 1_000_000,
                            (arrivals.getOrDefault(e.getKey(), 0L) - e.getValue()) / 1_000_000));
        }
        System.out.printf(
                "%nlatency at a steady %d events/s for %d s after a %d s warm-up (%,d events, %,d arrived):%n",
                rate, seconds, WARM_UP_SECONDS, total, micros.length);
        System.out.printf(
                "  commit → receiver p50 %.1f ms, p99 %.1f ms (target ≤ 150), max %.1f ms%n",
                percentile(micros, 0.50) / 1000.0,
                percentile(micros, 0.99) / 1000.0,
                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }

    private static int option(Map<String, Integer> options, String name) {
        return options.getOrDefault(name, 0);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
