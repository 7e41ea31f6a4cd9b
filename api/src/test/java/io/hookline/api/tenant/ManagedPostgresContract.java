package io.hookline.api.tenant;

import static io.hookline.domain.jooq.Tables.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.RunningApp;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A node on a database whose login is what managed PostgreSQL services (RDS, Cloud SQL, Azure)
 * hand out: it owns the database and has CREATEROLE, and is no superuser. The migrations run
 * with that login, tenant calls stay bound by row-level security, and the delivery worker still
 * reaches every tenant. Subclasses provide the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagedPostgresContract {

    static final String LOGIN = "hookline_owner";
    static final String PASSWORD = "owner-secret";
    static final String DATABASE = "hookline_managed";

    /** A running cluster with {@link #LOGIN} and {@link #DATABASE} created by its superuser. */
    interface ManagedCluster extends AutoCloseable {
        String jdbcUrl();

        @Override
        void close();
    }

    /** Starts the cluster, or aborts the class with the reason it cannot. */
    abstract ManagedCluster startCluster() throws Exception;

    private @Nullable ManagedCluster cluster;
    private @Nullable RunningApp app;

    static final String CREATE_LOGIN = "create role " + LOGIN + " login createrole password '" + PASSWORD + "'";
    static final String CREATE_DATABASE = "create database " + DATABASE + " owner " + LOGIN;

    @BeforeAll
    void startNodeOnAManagedStyleDatabase() throws Exception {
        cluster = startCluster();
        app = RunningApp.startWithDelivery(Map.of(
                "spring.datasource.url",
                cluster.jdbcUrl(),
                "spring.datasource.username",
                LOGIN,
                "spring.datasource.password",
                PASSWORD,
                "hookline.dev.key-file",
                java.nio.file.Path.of("target", "managed-" + java.util.UUID.randomUUID() + ".json")
                        .toAbsolutePath()
                        .toString()));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private RunningApp app() {
        return Objects.requireNonNull(app);
    }

    private Connection asLogin() throws SQLException {
        return DriverManager.getConnection(Objects.requireNonNull(cluster).jdbcUrl(), LOGIN, PASSWORD);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private <T> @Nullable T inTransactionAs(TestTenant tenant, Function<DSLContext, T> work) {
        TransactionTemplate transaction = new TransactionTemplate(app().bean(PlatformTransactionManager.class));
        DSLContext dsl = app().bean(DSLContext.class);
        CallerContext.Caller caller = new CallerContext.Caller("usr_test", new TenantId(tenant.id()));
        return CallerContext.callAs(caller, () -> transaction.execute(status -> work.apply(dsl)));
    }

    @Test
    void everyMigrationRanWithALoginThatIsNoSuperuserAndNoRoleBypassesRowSecurity() throws SQLException {
        try (Connection connection = asLogin()) {
            assertThat(column(connection, "select rolsuper::text from pg_roles where rolname = current_user"))
                    .containsExactly("false");
            assertThat(column(connection, "select rolcreaterole::text from pg_roles where rolname = current_user"))
                    .containsExactly("true");
            assertThat(column(connection, "select count(*) from flyway_schema_history where not success"))
                    .containsExactly("0");
            assertThat(column(connection, "select max(version::int) from flyway_schema_history"))
                    .singleElement()
                    .satisfies(version -> assertThat(Integer.parseInt(version)).isGreaterThanOrEqualTo(9));
            assertThat(column(
                            connection,
                            "select rolname || ':' || rolbypassrls from pg_roles"
                                    + " where rolname in ('hookline_app', 'hookline_worker') order by rolname"))
                    .containsExactly("hookline_app:false", "hookline_worker:false");
            // The login may switch to both runtime roles: it granted them to itself.
            for (String role : List.of("hookline_app", "hookline_worker")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set role " + role);
                }
                assertThat(column(connection, "select current_user")).containsExactly(role);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset role");
                }
            }
        }
    }

    @Test
    void aTenantCallRunsAsTheRuntimeRoleAndSeesOnlyItsOwnRows() {
        ApiClient api = app().client();
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        Response created = api.post(
                "/v1/webhooks",
                Map.of("name", "a", "url", "https://a.example.com/h", "events", List.of("order.placed")),
                a);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        api.post(
                "/v1/webhooks",
                Map.of("name", "b", "url", "https://b.example.com/h", "events", List.of("order.placed")),
                b);

        Record seen = Objects.requireNonNull(inTransactionAs(
                a,
                dsl -> dsl.fetchSingle("select current_user as role,"
                        + " (select array_agg(distinct tenant_id) from webhook) as tenants")));
        List<String> unfiltered = inTransactionAs(
                a, dsl -> dsl.select(WEBHOOK.TENANT_ID).from(WEBHOOK).fetch(WEBHOOK.TENANT_ID));

        assertThat(seen.get("role", String.class)).isEqualTo("hookline_app");
        assertThat(unfiltered).containsOnly(a.id());
        assertThat(api.get("/v1/webhooks", a).json().get("data")).hasSize(1);
    }

    @Test
    void theDeliveryWorkerDeliversEveryTenantsEventsWithoutBypassingRowSecurity() {
        ApiClient api = app().client();
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        try (Receiver receiver = new Receiver()) {
            for (TestTenant tenant : List.of(a, b)) {
                Response created = api.post(
                        "/v1/webhooks",
                        Map.of(
                                "name", "receiver",
                                "url", receiver.url("/" + tenant.code()),
                                "events", List.of("order.placed")),
                        tenant);
                assertThat(created.status()).as(created.raw()).isEqualTo(201);
                JsonNode sample = api.get("/v1/event-types/order.placed/sample", tenant)
                        .json()
                        .get("data");
                Response published = api.post("/v1/events", Map.of("type", "order.placed", "data", sample), tenant);
                assertThat(published.status()).as(published.raw()).isEqualTo(202);
            }

            List<Receiver.Request> received = receiver.awaitRequests(2, Duration.ofSeconds(20));

            assertThat(received)
                    .extracting(request -> request.header("x-administration-code"))
                    .containsExactlyInAnyOrder(a.code(), b.code());
            for (TestTenant tenant : List.of(a, b)) {
                String webhookId = api.get("/v1/webhooks", tenant)
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asString();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            JsonNode deliveries = api.get("/v1/webhooks/" + webhookId + "/deliveries", tenant)
                                    .json()
                                    .get("data");
                            return deliveries.size() == 1
                                    && deliveries
                                            .get(0)
                                            .get("status")
                                            .asString()
                                            .equals("succeeded");
                        });
            }
        }
    }
}
