package io.hookline.bench;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import io.hookline.api.HooklineApplication;
import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.delivery.worker.DeliveryProperties;
import io.hookline.delivery.worker.DeliveryWorker;
import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.db.EmbeddedPostgresLauncher;
import io.hookline.domain.event.EventPublisher;
import io.hookline.domain.tenant.Tenant;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.domain.webhook.Destination;
import io.hookline.domain.webhook.SignatureScheme;
import io.hookline.domain.webhook.Webhook;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookPatch;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.domain.webhook.WebhookSettings;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end figures of a Hookline node running with its default settings, on a PostgreSQL
 * with production durability ({@code fsync} and {@code synchronous_commit} on), against a
 * minimal local receiver, all on loopback. Every event is published through the product's
 * own {@link EventPublisher} (in-process) or its HTTP API; nothing is written by hand.
 *
 * <pre>
 * java -jar bench/target/hookline-bench.jar [--quick] [--nodes=2] [--million] [--only=backlog,raw,...]
 *     [--destination=kafka]
 * </pre>
 *
 * {@code --only} runs some phases (for profiling one of them): {@code savepoints}, {@code backlog},
 * {@code raw}, {@code latency}, {@code ingest}, {@code disk}; the default is all of them.
 * {@code --profile} loads {@code pg_stat_statements} and prints, for each drain, steady rate and
 * ingest load, the processor time of this JVM and of PostgreSQL and the statements that took the
 * most time.
 * {@code --destination=kafka} adds to the backlog phase a second drain of the same size to a
 * Kafka topic: an in-process KRaft broker (the one the api tests use) is started, the ten
 * webhooks are pointed at it (key: tenant, one partition per tenant), and pointed back at the
 * HTTPS receiver afterwards.
 */
public final class DeliveryBenchmark {

    private static final int TENANTS = 10;
    private static final String ISSUER = "https://bench.hookline.invalid";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<@Nullable Map<String, Long>> tracked = new AtomicReference<>();
    private final List<String> lines = new ArrayList<>();
    private int missed;
    private @Nullable RSAKey signingKey;

    private final boolean quick;
    private final int nodeCount;
    private final boolean million;
    private final Set<String> phases;
    private final boolean profile;
    private final boolean kafka;
    private final List<WebhookId> webhooks = new ArrayList<>();

    private DeliveryBenchmark(
            boolean quick, int nodeCount, boolean million, Set<String> phases, boolean profile, boolean kafka) {
        this.profile = profile;
        this.kafka = kafka;
        this.quick = quick;
        this.nodeCount = nodeCount;
        this.million = million;
        this.phases = phases;
    }

    private boolean runs(String phase) {
        return phases.isEmpty() || phases.contains(phase);
    }

    public static void main(String[] args) throws Exception {
        List<String> given = Arrays.asList(args);
        boolean quick = given.contains("--quick");
        int nodes = given.stream()
                .filter(a -> a.startsWith("--nodes="))
                .map(a -> Integer.parseInt(a.substring(8)))
                .findFirst()
                .orElse(1);
        // off by default: publishing a million events through the product takes longer than the
        // whole default run is allowed on a 2-core machine (see docs/performance.md)
        boolean million = given.contains("--million");
        Set<String> phases = given.stream()
                .filter(a -> a.startsWith("--only="))
                .flatMap(a -> Arrays.stream(a.substring(7).split(",")))
                .collect(java.util.stream.Collectors.toSet());
        String destination = given.stream()
                .filter(a -> a.startsWith("--destination="))
                .map(a -> a.substring(14))
                .findFirst()
                .orElse("https");
        if (!List.of("https", "kafka").contains(destination)) {
            throw new IllegalArgumentException("--destination is https (the default) or kafka, not " + destination);
        }
        new DeliveryBenchmark(quick, nodes, million, phases, given.contains("--profile"), destination.equals("kafka"))
                .run();
        System.exit(0);
    }

    private void run() throws Exception {
        long begun = System.nanoTime();
        RSAKey key = new RSAKeyGenerator(2048)
                .keyID("bench")
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                .generate();
        signingKey = key;
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            Map<String, Long> arrivals = tracked.get();
            if (arrivals != null) {
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                if (id != null) {
                    arrivals.putIfAbsent(id, System.nanoTime());
                }
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        receiver.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String url = base + "/hook";
        System.out.printf(
                "Hookline delivery benchmark%s — %s, %d cores, max heap %d MiB, %d node(s), receiver %s%n",
                quick ? " (--quick: small samples, figures indicative only)" : "",
                OffsetDateTime.now().withNano(0),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                nodeCount,
                url);

        Path dir = Files.createTempDirectory("hookline-bench");
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(
                dir.resolve("pgdata"),
                true,
                true,
                profile ? Map.of("shared_preload_libraries", "pg_stat_statements") : Map.of());
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(startNode(postgres, base));
            }
            ConfigurableApplicationContext app = nodes.getFirst();
            DSLContext dsl = app.getBean(DSLContext.class);
            DeliveryProperties defaults = app.getBean(DeliveryProperties.class);
            System.out.printf(
                    "PostgreSQL %s: fsync=%s, synchronous_commit=%s (server-wide; the delivery worker's own"
                            + " transactions set synchronous_commit=off for themselves: a lost worker commit only"
                            + " means a repeated attempt)%n",
                    dsl.fetchSingle("show server_version").get(0),
                    dsl.fetchSingle("show fsync").get(0),
                    dsl.fetchSingle("show synchronous_commit").get(0));
            System.out.printf(
                    "node settings: product defaults (delivery.concurrency=%d, per-webhook-in-flight=%d,"
                            + " batch-size=%d), no overrides%n",
                    defaults.concurrency(), defaults.perWebhookInFlight(), defaults.batchSize());
            List<TenantId> tenants = setUp(app, url);
            int inFlight = Math.min(defaults.concurrency() * nodeCount, TENANTS * defaults.perWebhookInFlight());

            if (runs("savepoints")) {
                savepointsVersusTransactions(app, tenants);
            }

            int backlog = quick ? 10_000 : 100_000;
            double e2e = 0;
            if (profile) {
                dsl.execute("create extension if not exists pg_stat_statements");
            }
            if (runs("backlog")) {
                // a node runs for days: its delivery path is compiled long before any backlog. The
                // first drain of a fresh JVM spends a third of its processor time in the JIT
                // compiler, so a smaller drain first, not counted, as the latency phases warm up
                backlog(nodes, tenants, backlog / 5, "warm-up (not counted)", false);
                e2e = backlog(nodes, tenants, backlog, "backlog", false);
                figure(
                        "deliveries/s, backlog of %,d across %d webhooks of %d tenants (%d node%s)"
                                .formatted(backlog, TENANTS, TENANTS, nodeCount, nodeCount > 1 ? "s" : ""),
                        "%,.0f/s".formatted(e2e),
                        "—",
                        null);
                if (kafka) {
                    kafkaBacklog(nodes, tenants, backlog, url);
                }
            }
            if (runs("raw")) {
                rawLimit(app, url, quick ? 1_000 : 5_000, inFlight); // warm-up, not counted
                // a round lasts about 1.5 s, and single rounds printed 13,400 to 24,400/s over a
                // day of runs of one build: the figure is the median of five, each one printed
                int requests = quick ? 5_000 : 30_000;
                double[] rounds = new double[quick ? 1 : 5];
                for (int i = 0; i < rounds.length; i++) {
                    rounds[i] = rawLimit(app, url, requests, inFlight);
                }
                System.out.printf(
                        "raw HTTP limit, rounds of %,d requests: %s requests/s%n",
                        requests,
                        Arrays.stream(rounds).mapToObj("%,.0f"::formatted).collect(Collectors.joining(", ")));
                double raw = median(rounds);
                figure(
                        "raw HTTP limit (median of the rounds): the node's WebhookHttpClient bean, same receiver, %d in flight (the node's cap:"
                                        .formatted(inFlight)
                                + " webhooks × per-webhook-in-flight)",
                        "%,.0f requests/s".formatted(raw),
                        "—",
                        null);
                if (e2e > 0) {
                    figure("ratio end-to-end ÷ raw", "%.2f".formatted(e2e / raw), "≥ 0.65", e2e / raw >= 0.65);
                }
            }

            if (runs("latency")) {
                latency(app, tenants, 200, 5.0);
                latency(app, tenants, 2_000, 50.0);
            }

            if (runs("ingest")) {
                ingest(app, tenants, false);
                ingest(app, tenants, true);
            }
            awaitQuiet(dsl);

            if (million) {
                backlog(nodes, tenants, 1_000_000, "million", true);
            } else {
                System.out.println(
                        "\n(the 1,000,000 drain was not run: add --million; it needs well over 10 minutes here)");
            }
            if (runs("disk")) {
                diskPerDelivery(dsl);
            }
        } finally {
            for (ConfigurableApplicationContext node : nodes) {
                node.close();
            }
            receiver.stop(0);
            postgres.close();
        }
        System.out.printf(
                "%nsummary (%d figure(s) missed their target; run took %.0f s):%n",
                missed, (System.nanoTime() - begun) / 1e9);
        lines.forEach(System.out::println);
    }

    private ConfigurableApplicationContext startNode(EmbeddedPostgres postgres, String base) {
        return new SpringApplicationBuilder(HooklineApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + EmbeddedPostgresLauncher.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--hookline.dev.enabled=false",
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + base + "/jwks",
                        "--hookline.security.issuer=" + ISSUER,
                        "--hookline.secrets.encryption-key=q6qXW1M8W5m8mXzj8c3f9bqkq1l0o0mS4t7yC2b4d6E=",
                        // the receiver is on loopback: the only non-default settings, and they do not touch speed
                        "--hookline.webhooks.allow-http=true",
                        "--hookline.webhooks.allowed-networks=127.0.0.0/8",
                        "--logging.level.root=warn");
    }

    private List<TenantId> setUp(ConfigurableApplicationContext app, String url) {
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            // a rate limit far above what the bench sends: the limiter is not what is measured
            Tenant tenant = app.getBean(TenantRegistry.class)
                    .create(new TenantChanges("Bench " + i, "BENCH" + i, new Tenant.RateLimit(100_000, 1, 1), null));
            TenantId id = tenant.id();
            WebhookRegistry.CreatedWebhook created = CallerContext.callAs(
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
            webhooks.add(created.webhook().id());
            tenants.add(id);
        }
        return tenants;
    }

    private static JsonNode sample(ConfigurableApplicationContext app) {
        return app.getBean(EventCatalog.class)
                .find("order.placed")
                .orElseThrow()
                .sample();
    }

    /** Publishes {@code count} events through the product's batch publish, 100 per call, 4 callers. */
    private static void publish(ConfigurableApplicationContext app, List<TenantId> tenants, int count) {
        EventPublisher publisher = app.getBean(EventPublisher.class);
        JsonNode data = sample(app);
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 4; c++) {
                pool.execute(() -> {
                    int start;
                    while ((start = next.getAndAdd(EventPublisher.MAX_BATCH)) < count) {
                        int size = Math.min(EventPublisher.MAX_BATCH, count - start);
                        TenantId tenant = tenants.get((start / EventPublisher.MAX_BATCH) % tenants.size());
                        List<EventPublisher.Publication> batch = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            batch.add(new EventPublisher.Publication("order.placed", data, null, null));
                        }
                        CallerContext.callAs(
                                new CallerContext.Caller("usr_bench", tenant),
                                () -> publisher.publishAll(tenant, batch));
                    }
                });
            }
        }
    }

    /**
     * The backlog drain again, to a Kafka topic: an in-process KRaft broker (one node, a topic of
     * one partition per tenant), the ten webhooks pointed at it with the tenant as the key, a
     * warm-up drain not counted, then the same backlog as the HTTPS drain; a delivery counts when
     * the broker acknowledged it (the nodes' {@code hookline.delivery.attempts} counter,
     * outcome {@code succeeded}), and the topic's end offsets are checked against the count.
     * The webhooks go back to the HTTPS receiver afterwards.
     */
    private void kafkaBacklog(List<ConfigurableApplicationContext> nodes, List<TenantId> tenants, int count, String url)
            throws Exception {
        String topic = "hookline-bench";
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, TENANTS);
        broker.brokerProperty("auto.create.topics.enable", "false");
        // advertised at 127.0.0.1, which the bench allows, not at "localhost", a name Hookline never dials
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:0");
        broker.afterPropertiesSet();
        try {
            broker.addTopics(new NewTopic(topic, TENANTS, (short) 1));
            String servers = broker.getBrokersAsString().replace("localhost", "127.0.0.1");
            System.out.printf(
                    "%nKafka %s: in-process KRaft broker at %s, topic %s of %d partitions%n",
                    AppInfoParser.getVersion(), servers, topic, TENANTS);
            point(
                    nodes.getFirst(),
                    tenants,
                    new Destination.Kafka(
                            servers, topic, Destination.PartitionKey.TENANT, Destination.KafkaSecurity.PLAINTEXT),
                    null);
            LongSupplier acknowledged = () -> nodes.stream()
                    .mapToLong(node -> (long) node.getBean(MeterRegistry.class)
                            .counter("hookline.delivery.attempts", "outcome", "succeeded")
                            .count())
                    .sum();
            backlog(nodes, tenants, count / 5, "Kafka warm-up (not counted)", false, acknowledged);
            double rate = backlog(nodes, tenants, count, "Kafka backlog", false, acknowledged);
            long records = broker.doWithAdminFunction(admin -> {
                try {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (int p = 0; p < TENANTS; p++) {
                        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                    }
                    return admin.listOffsets(latest).all().get().values().stream()
                            .mapToLong(ListOffsetsResultInfo::offset)
                            .sum();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            System.out.printf(
                    "records on the topic: %,d (warm-up and backlog: %,d deliveries)%n", records, count + count / 5);
            figure(
                    "deliveries/s, backlog of %,d across %d webhooks of %d tenants (%d node%s) to Kafka"
                                    .formatted(count, TENANTS, TENANTS, nodeCount, nodeCount > 1 ? "s" : "")
                            + " (in-process KRaft broker, acks=all)",
                    "%,.0f/s".formatted(rate),
                    "—",
                    null);
        } finally {
            point(nodes.getFirst(), tenants, Destination.HTTPS, url);
            broker.destroy();
        }
    }

    /** Points every bench webhook at {@code destination} ({@code url} for HTTPS). */
    private void point(
            ConfigurableApplicationContext app, List<TenantId> tenants, Destination destination, @Nullable String url) {
        WebhookRegistry registry = app.getBean(WebhookRegistry.class);
        for (int i = 0; i < tenants.size(); i++) {
            TenantId tenant = tenants.get(i);
            WebhookId webhook = webhooks.get(i);
            CallerContext.callAs(
                    new CallerContext.Caller("usr_bench", tenant),
                    () -> registry.update(
                            tenant,
                            webhook,
                            new WebhookPatch(
                                    null,
                                    url,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    destination,
                                    null),
                            true));
        }
    }

    /**
     * How a batch publish should use the database: one transaction per event (one durable
     * commit each) or one transaction per call (one durable commit), as {@code publishAll} does;
     * the batch once with an idempotency key on every event (each locked, looked up and
     * remembered) and once without.
     */
    private void savepointsVersusTransactions(ConfigurableApplicationContext app, List<TenantId> tenants) {
        EventPublisher publisher = app.getBean(EventPublisher.class);
        JsonNode data = sample(app);
        TenantId tenant = tenants.getFirst();
        int calls = quick ? 5 : 20;
        stopWorkers(List.of(app));
        long started = System.nanoTime();
        CallerContext.callAs(new CallerContext.Caller("usr_bench", tenant), () -> {
            for (int c = 0; c < calls; c++) {
                for (int i = 0; i < EventPublisher.MAX_BATCH; i++) {
                    publisher.publish(tenant, "order.placed", data, null, null);
                }
            }
            return null;
        });
        double perEvent = calls * EventPublisher.MAX_BATCH / ((System.nanoTime() - started) / 1e9);
        double keyed = batches(publisher, tenant, data, calls, true);
        double plain = batches(publisher, tenant, data, calls, false);
        System.out.printf(
                "%nbatch publish, one caller, %d calls of 100: one transaction per event %,.0f events/s;"
                        + " one transaction per call, events with an idempotency key %,.0f events/s,"
                        + " without %,.0f events/s%n",
                calls, perEvent, keyed, plain);
        figure(
                "batch publish in-process, per call without keys / with keys vs a transaction per event",
                "%,.0f / %,.0f vs %,.0f events/s".formatted(plain, keyed, perEvent),
                "—",
                null);
        long before = received.get();
        startWorkers(List.of(app));
        awaitReceived(before + 3L * calls * EventPublisher.MAX_BATCH, Duration.ofMinutes(2));
    }

    /** Events/s of {@code calls} {@code publishAll} calls of 100 events, with or without a key each. */
    private static double batches(EventPublisher publisher, TenantId tenant, JsonNode data, int calls, boolean keys) {
        List<List<EventPublisher.Publication>> batches = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            List<EventPublisher.Publication> batch = new ArrayList<>();
            for (int i = 0; i < EventPublisher.MAX_BATCH; i++) {
                batch.add(new EventPublisher.Publication(
                        "order.placed", data, null, keys ? UUID.randomUUID().toString() : null));
            }
            batches.add(batch);
        }
        long started = System.nanoTime();
        CallerContext.callAs(new CallerContext.Caller("usr_bench", tenant), () -> {
            batches.forEach(batch -> publisher.publishAll(tenant, batch));
            return null;
        });
        return calls * EventPublisher.MAX_BATCH / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * The backlog is published through the product while every node's delivery worker is
     * stopped (the API keeps running, the events and their due deliveries are committed), then
     * the workers start: that instant is the release, and the run ends when every attempt is
     * recorded in {@code delivery_attempt}.
     */
    private double backlog(
            List<ConfigurableApplicationContext> nodes,
            List<TenantId> tenants,
            int count,
            String label,
            boolean windows) {
        return backlog(nodes, tenants, count, label, windows, received::get);
    }

    /** The backlog drain, {@code arrived} counting what reached the destination so far. */
    private double backlog(
            List<ConfigurableApplicationContext> nodes,
            List<TenantId> tenants,
            int count,
            String label,
            boolean windows,
            LongSupplier arrived) {
        ConfigurableApplicationContext app = nodes.getFirst();
        DSLContext dsl = app.getBean(DSLContext.class);
        stopWorkers(nodes);
        long loadStart = System.nanoTime();
        publish(app, tenants, count);
        long attemptsBefore = dsl.fetchCount(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT);
        System.out.printf(
                "%n%s: %,d events published through EventPublisher.publishAll (4 callers × 100 per call) in"
                        + " %.1f s (%,.0f/s) with the workers stopped; starting them%n",
                label, count, (System.nanoTime() - loadStart) / 1e9, count / ((System.nanoTime() - loadStart) / 1e9));
        long receivedBefore = arrived.getAsLong();
        Cpu cpuBefore = profileStart(dsl);
        long start = System.nanoTime();
        startWorkers(nodes);
        long firstWindowEnd = 0;
        long lastWindowStart = 0;
        int window = 100_000;
        while (true) {
            sleep(Duration.ofMillis(100));
            long got = arrived.getAsLong() - receivedBefore;
            long now = System.nanoTime();
            if (firstWindowEnd == 0 && got >= window) {
                firstWindowEnd = now;
            }
            if (lastWindowStart == 0 && got >= count - window) {
                lastWindowStart = now;
            }
            if (got >= count
                    && dsl.fetchCount(io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT) - attemptsBefore >= count) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d deliveries attempted and recorded in %.1f s%n", label, count, seconds);
        profileReport(dsl, cpuBefore, label, count, "delivery");
        if (windows) {
            double first = window / ((firstWindowEnd - start) / 1e9);
            double last = window / ((System.nanoTime() - lastWindowStart) / 1e9);
            figure(
                    "drain of 1,000,000: first 100,000 vs last 100,000 (at the receiver)",
                    "%,.0f/s vs %,.0f/s (%.0f %%)".formatted(first, last, 100 * last / first),
                    "last within 10 % of first",
                    last >= 0.9 * first);
            figure("drain of 1,000,000 overall", "%,.0f/s (%.0f s)".formatted(count / seconds, seconds), "—", null);
        }
        return count / seconds;
    }

    /** With {@code --profile}: forgets earlier statements and reads the processor time so far. */
    private Cpu profileStart(DSLContext dsl) {
        if (profile) {
            dsl.execute("select pg_stat_statements_reset()");
        }
        return Cpu.now(postmaster(dsl));
    }

    /**
     * With {@code --profile}: the processor time since {@code before}, per {@code unit} (a delivery,
     * an accepted event), split by kind of thread and for the bench's PostgreSQL, and the statements
     * that took the most time.
     */
    private void profileReport(DSLContext dsl, Cpu before, String label, long count, String unit) {
        if (!profile || count == 0) {
            return;
        }
        Cpu used = Cpu.now(postmaster(dsl)).minus(before);
        System.out.printf(
                "%s: processor time: this JVM (node, receiver, bench) %.1f s, PostgreSQL %.1f s"
                        + " (%.0f µs and %.0f µs per %s)%n",
                label,
                used.jvmTotal(),
                used.postgres(),
                1e6 * used.jvmTotal() / count,
                1e6 * used.postgres() / count,
                unit);
        used.jvm()
                .forEach((kind, spent) -> System.out.printf(
                        "  %-40s %6.1f s  %5.0f µs per %s%n", kind, spent, 1e6 * spent / count, unit));
        System.out.println("statements by total time (pg_stat_statements):");
        dsl.fetch("""
                        select calls, rows, round(total_exec_time::numeric, 0) as total_ms,
                               round(mean_exec_time::numeric, 3) as mean_ms,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
                          from pg_stat_statements order by total_exec_time desc limit 12
                        """)
                .forEach(r -> System.out.printf(
                        "  %8d calls %9d rows %8s ms total %8s ms mean  %s%n",
                        r.get("calls", Long.class),
                        r.get("rows", Long.class),
                        r.get("total_ms"),
                        r.get("mean_ms"),
                        r.get("query")));
    }

    /**
     * Processor seconds used so far by this JVM, split by kind of thread, and by the bench's own
     * PostgreSQL (its postmaster and the postmaster's children: other clusters on the machine are
     * not counted), read from Linux {@code /proc}. Virtual threads (the node's attempts, settler and
     * claim loop, and the receiver's handlers) all run on the {@code ForkJoinPool} carriers.
     */
    private record Cpu(Map<String, Double> jvm, double postgres) {

        static Cpu now(long postmaster) {
            Map<String, Double> jvm = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    Stat stat = Stat.of(task);
                    if (stat != null) {
                        jvm.merge(threadKind(stat.comm()), stat.seconds(), Double::sum);
                    }
                }
            } catch (IOException e) {
                // no /proc: nothing to report
            }
            double postgres = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.toList()) {
                    if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    Stat stat = Stat.of(proc);
                    if (stat != null && (stat.pid() == postmaster || stat.ppid() == postmaster)) {
                        postgres += stat.seconds();
                    }
                }
            } catch (IOException e) {
                // no /proc: nothing to report
            }
            return new Cpu(jvm, postgres);
        }

        private static String threadKind(String comm) {
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return "JIT compiler";
            }
            if (comm.startsWith("G1 ") || comm.startsWith("GC Thread") || comm.equals("VM Thread")) {
                return "GC and VM";
            }
            if (comm.startsWith("ForkJoinPool")) {
                return "virtual threads (node and receiver)";
            }
            if (comm.startsWith("HTTP-Dispatcher")) {
                return "receiver dispatcher";
            }
            return "other threads";
        }

        double jvmTotal() {
            return jvm.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        Cpu minus(Cpu earlier) {
            Map<String, Double> used = new java.util.TreeMap<>();
            jvm.forEach((kind, seconds) -> used.put(kind, seconds - earlier.jvm.getOrDefault(kind, 0.0)));
            return new Cpu(used, postgres - earlier.postgres);
        }
    }

    /** One line of {@code /proc/…/stat}: its process (or thread) id, parent, name and processor seconds. */
    private record Stat(long pid, long ppid, String comm, double seconds) {

        static @org.jspecify.annotations.Nullable Stat of(Path dir) {
            try {
                String stat = Files.readString(dir.resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new Stat(
                        Long.parseLong(dir.getFileName().toString()),
                        Long.parseLong(fields[1]),
                        comm,
                        (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
            } catch (IOException | RuntimeException gone) {
                return null; // ended while we read
            }
        }
    }

    /** The bench's PostgreSQL postmaster: the parent of this connection's backend. */
    private static long postmaster(DSLContext dsl) {
        long backend = dsl.fetchSingle("select pg_backend_pid()").get(0, Long.class);
        Stat stat = Stat.of(Path.of("/proc", Long.toString(backend)));
        return stat == null ? -1 : stat.ppid();
    }

    private static void stopWorkers(List<ConfigurableApplicationContext> nodes) {
        nodes.forEach(node -> node.getBean(DeliveryWorker.class).stop());
    }

    private static void startWorkers(List<ConfigurableApplicationContext> nodes) {
        nodes.forEach(node -> node.getBean(DeliveryWorker.class).start());
    }

    /** The node's own client (its pool, its timeouts) posting a delivery-sized body, no database. */
    private double rawLimit(ConfigurableApplicationContext app, String url, int requests, int inFlight)
            throws Exception {
        WebhookHttpClient client = app.getBean(WebhookHttpClient.class);
        String body = app.getBean(JsonMapper.class).writeValueAsString(sample(app));
        Map<String, String> headers =
                Map.of("webhook-id", "raw", "webhook-signature", "v1,xxxx", "webhook-timestamp", "0");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore permits = new Semaphore(inFlight);
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                permits.acquire();
                pool.execute(() -> {
                    try {
                        client.post(url, headers, body, 10);
                    } finally {
                        permits.release();
                    }
                });
            }
            permits.acquire(inFlight);
            return requests / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Events published one per transaction (a durable commit each) at a steady rate through
     * {@link EventPublisher#publish}; latency = publish returned (committed) → receiver got it.
     * A warm-up at the same rate comes first and is not counted.
     */
    private void latency(ConfigurableApplicationContext app, List<TenantId> tenants, int rate, double targetP99) {
        int warmUp = quick ? 2 : 5;
        int seconds = quick ? 5 : 15;
        steady(app, tenants, rate, warmUp);
        DSLContext dsl = app.getBean(DSLContext.class);
        Cpu cpuBefore = profileStart(dsl);
        long[] micros = steady(app, tenants, rate, seconds);
        profileReport(dsl, cpuBefore, "%,d events/s".formatted(rate), (long) rate * seconds, "event");
        double p99 = percentile(micros, 0.99) / 1000.0;
        figure(
                "commit → receipt at a steady %,d events/s for %d s (after %d s warm-up), %,d arrived"
                        .formatted(rate, seconds, warmUp, micros.length),
                "p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        .formatted(
                                percentile(micros, 0.50) / 1000.0,
                                p99,
                                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0),
                "p99 ≤ %.0f ms".formatted(targetP99),
                micros.length == (long) rate * seconds && p99 <= targetP99);
    }

    private long[] steady(ConfigurableApplicationContext app, List<TenantId> tenants, int rate, int seconds) {
        EventPublisher publisher = app.getBean(EventPublisher.class);
        JsonNode data = sample(app);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        tracked.set(arrivals);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        // Publishers get the concurrency the API admits (hookline.api.max-concurrent-requests),
        // as publishes through the API would: an unbounded crowd of in-process publishers would
        // queue on the connection pool in front of the worker, which no deployment does.
        Semaphore admitted = new Semaphore(
                app.getBean(io.hookline.api.admission.AdmissionProperties.class).maxConcurrentRequests());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
                TenantId tenant = tenants.get(i % tenants.size());
                pool.execute(() -> {
                    admitted.acquireUninterruptibly();
                    try {
                        CallerContext.callAs(new CallerContext.Caller("usr_bench", tenant), () -> {
                            String id = publisher
                                    .publish(tenant, "order.placed", data, null, null)
                                    .event()
                                    .id()
                                    .value();
                            committed.put(id, System.nanoTime());
                            return id;
                        });
                    } finally {
                        admitted.release();
                    }
                });
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!arrivals.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        tracked.set(null);
        return committed.entrySet().stream()
                .filter(e -> arrivals.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, arrivals.getOrDefault(e.getKey(), e.getValue()) - e.getValue()) / 1_000)
                .sorted()
                .toArray();
    }

    /**
     * 64 concurrent HTTP clients (keep-alive connections, see {@link LoadClient}) publishing as fast as the node answers, for a
     * fixed time, with real signed tokens through the whole API stack (security, rate limiter,
     * validation); the node delivers at the same time.
     */
    private void ingest(ConfigurableApplicationContext app, List<TenantId> tenants, boolean batches) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
        URI uri = URI.create("http://127.0.0.1:" + port + (batches ? "/v1/events/batch" : "/v1/events"));
        String data = JSON.writeValueAsString(sample(app));
        String single = "{\"type\":\"order.placed\",\"data\":" + data + "}";
        String body = batches
                ? "{\"events\":[" + String.join(",", java.util.Collections.nCopies(100, single)) + "]}"
                : single;
        NimbusJwtEncoder encoder =
                new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(java.util.Objects.requireNonNull(signingKey))));
        Map<TenantId, String> tokens = new HashMap<>();
        for (TenantId tenant : tenants) {
            tokens.put(tenant, token(encoder, tenant));
        }
        int clients = 64;
        int seconds = quick ? 5 : 20;
        DSLContext dsl = app.getBean(DSLContext.class);
        // A running node has compiled its request path long before: the JIT compiler needs some
        // ten thousand calls of a method, and while it works it takes a processor of the two. So
        // first a warm-up, not counted: 10,000 single calls (or 300 batches), 60 s at most; then
        // 5 s rounds of the same load until the compiler threads used under a tenth of a
        // processor in a round (2 minutes at most), so the figure is the node's steady state.
        load(uri, body, tenants, tokens, clients, Duration.ofSeconds(quick ? 5 : 60), batches ? 300 : 10_000, batches);
        if (!quick) {
            long warmUntil = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            double compiling;
            int rounds = 0;
            do {
                double before = jitSeconds();
                load(uri, body, tenants, tokens, clients, Duration.ofSeconds(5), Long.MAX_VALUE, batches);
                compiling = (jitSeconds() - before) / 5;
                rounds++;
            } while (compiling >= 0.1 && System.nanoTime() < warmUntil);
            System.out.printf(
                    "ingest (%s) warm-up: %d more round(s) of 5 s; the JIT compiler used %.0f %% of a processor in the last%n",
                    batches ? "batches" : "single events", rounds, 100 * compiling);
        }
        awaitQuiet(dsl);
        Cpu cpuBefore = profileStart(dsl);
        long receivedBefore = received.get();
        long start = System.nanoTime();
        Load load = load(uri, body, tenants, tokens, clients, Duration.ofSeconds(seconds), Long.MAX_VALUE, batches);
        AtomicLong accepted = load.accepted();
        AtomicLong refused = load.refused();
        List<Long> latencies = load.latencies();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long delivered = received.get() - receivedBefore;
        long left = dsl.fetchSingle("select count(*) from delivery where status in ('pending', 'delivering')")
                .get(0, Long.class);
        String what = batches ? "batches of 100" : "single events";
        profileReport(dsl, cpuBefore, "ingest (" + what + ")", accepted.get(), "accepted event");
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double rate = accepted.get() / elapsed;
        figure(
                "ingest over HTTP, %d clients, %s, %d s: accepted events/s (%,d refused or failed calls)"
                        .formatted(clients, what, seconds, refused.get()),
                "%,.0f/s".formatted(rate),
                "≥ 1,500/s",
                rate >= 1_500);
        figure(
                "  publish call p50 / p99 (%s)".formatted(what),
                "%.1f ms / %.1f ms".formatted(percentile(sorted, 0.5) / 1000.0, percentile(sorted, 0.99) / 1000.0),
                "—",
                null);
        double deliveryRate = delivered / elapsed;
        figure(
                "  deliveries/s during the load (%s); backlog left when it stopped: %,d".formatted(what, left),
                "%,.0f/s (%.0f %% of accepted)".formatted(deliveryRate, 100 * deliveryRate / Math.max(rate, 1)),
                "≥ 80 % of accepted",
                deliveryRate >= 0.8 * rate);
        System.out.printf("%ningest (%s) done%n", what);
    }

    private record Load(AtomicLong accepted, AtomicLong refused, List<Long> latencies) {}

    /**
     * {@code clients} callers posting {@code body} as fast as the node answers, for {@code length}
     * or until {@code calls} calls were answered, whichever comes first.
     */
    private static Load load(
            URI uri,
            String body,
            List<TenantId> tenants,
            Map<TenantId, String> tokens,
            int clients,
            Duration length,
            long calls,
            boolean batches) {
        AtomicLong answered = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                TenantId tenant = tenants.get(c % tenants.size());
                Map<String, String> headers = Map.of(
                        "Authorization",
                        "Bearer " + tokens.get(tenant),
                        "X-Tenant-ID",
                        tenant.value(),
                        "Content-Type",
                        "application/json");
                pool.execute(() -> {
                    try (LoadClient http = new LoadClient(uri, headers, body)) {
                        while (System.nanoTime() < end && answered.incrementAndGet() <= calls) {
                            long sent = System.nanoTime();
                            try {
                                LoadClient.Response response = http.send();
                                latencies.add((System.nanoTime() - sent) / 1_000);
                                if (response.status() == 202) {
                                    accepted.incrementAndGet();
                                } else if (response.status() == 200 && batches) {
                                    accepted.addAndGet(response.body().split("\"status\":202", -1).length - 1);
                                } else {
                                    refused.incrementAndGet();
                                }
                            } catch (IOException e) {
                                refused.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        refused.incrementAndGet();
                    }
                });
            }
        }
        return new Load(accepted, refused, latencies);
    }

    private static String token(NimbusJwtEncoder encoder, TenantId tenant) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of("hookline-api"))
                .subject("svc_bench")
                .issuedAt(now)
                .notBefore(now.minusSeconds(5))
                .expiresAt(now.plusSeconds(3_600))
                .id(UUID.randomUUID().toString())
                .claim("tenants", List.of(tenant.value()))
                .claim("scope", "events:write events:read")
                .build();
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("bench").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** Processor seconds this JVM's JIT compiler threads used so far. */
    private static double jitSeconds() {
        return Cpu.now(-1).jvm().getOrDefault("JIT compiler", 0.0);
    }

    /** Waits until no delivery is left to do, so one measurement does not inherit another's work. */
    private static void awaitQuiet(DSLContext dsl) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline
                && dsl.fetchSingle("select count(*) from delivery where status in ('pending', 'delivering')")
                                .get(0, Long.class)
                        > 0) {
            sleep(Duration.ofMillis(250));
        }
    }

    private void awaitReceived(long target, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.get() < target && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
    }

    private void diskPerDelivery(DSLContext dsl) {
        awaitQuiet(dsl);
        var row = dsl.fetchSingle("""
                select pg_total_relation_size('event') as event,
                       pg_total_relation_size('delivery') as delivery,
                       pg_total_relation_size('delivery_attempt') as attempt,
                       (select count(*) from delivery) as deliveries
                """);
        long event = row.get("event", Long.class);
        long delivery = row.get("delivery", Long.class);
        long attempt = row.get("attempt", Long.class);
        long deliveries = row.get("deliveries", Long.class);
        System.out.printf(
                "%ndisk after the drains: event %,d MiB, delivery %,d MiB, delivery_attempt %,d MiB"
                        + " (tables, indexes, TOAST) for %,d deliveries%n",
                event >> 20, delivery >> 20, attempt >> 20, deliveries);
        figure(
                "bytes on disk per delivery: event + delivery + attempt",
                "%,.0f B".formatted((double) (event + delivery + attempt) / deliveries),
                "—",
                null);
        double beyond = (double) (delivery + attempt) / deliveries;
        figure(
                "bytes on disk per delivery beyond the event itself (delivery + attempt)",
                "%,.0f B (%.2f KiB)".formatted(beyond, beyond / 1024),
                "≤ 1.2 KiB",
                beyond <= 1.2 * 1024);
    }

    private void figure(String what, String value, String target, @Nullable Boolean pass) {
        String verdict = pass == null ? "" : pass ? "  PASS" : "  MISS";
        if (pass != null && !pass) {
            missed++;
        }
        String line = "  %-100s %-32s target %-26s%s".formatted(what, value, target, verdict);
        lines.add(line);
        System.out.println(line.strip());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
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
