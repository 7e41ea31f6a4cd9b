package io.hookline.api.tenant;

import static io.hookline.domain.jooq.Tables.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second wall: even a query that forgets its tenant condition sees only the caller's
 * tenant, because every transaction runs as a role that row-level security binds.
 */
class RowLevelSecurityTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private <T> @org.jspecify.annotations.Nullable T inTransactionAs(
            @org.jspecify.annotations.Nullable TestTenant tenant, java.util.function.Function<DSLContext, T> work) {
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        DSLContext dsl = app.bean(DSLContext.class);
        CallerContext.Caller caller =
                new CallerContext.Caller("usr_test", tenant == null ? null : new TenantId(tenant.id()));
        return CallerContext.callAs(caller, () -> transaction.execute(status -> work.apply(dsl)));
    }

    @Test
    void aQueryWithoutATenantConditionStillSeesOnlyTheCallersTenant() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        api.post(
                "/v1/webhooks",
                Map.of("name", "a", "url", "https://a.example.com/h", "events", List.of("order.placed")),
                a);
        api.post(
                "/v1/webhooks",
                Map.of("name", "b", "url", "https://b.example.com/h", "events", List.of("order.placed")),
                b);

        List<String> seenByA = inTransactionAs(
                a, dsl -> dsl.select(WEBHOOK.TENANT_ID).from(WEBHOOK).fetch(WEBHOOK.TENANT_ID));

        assertThat(seenByA).containsOnly(a.id()).hasSize(1);
    }

    @Test
    void aTransactionWithNoTenantSeesNoTenantRows() {
        TestTenant a = api.newTenant();
        api.post(
                "/v1/webhooks",
                Map.of("name", "a", "url", "https://a.example.com/h", "events", List.of("order.placed")),
                a);

        Integer visible = inTransactionAs(null, dsl -> dsl.fetchCount(WEBHOOK));

        assertThat(visible).isZero();
    }

    @Test
    void writingARowForAnotherTenantIsRefusedByThePolicy() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        String id = api.post(
                        "/v1/webhooks",
                        Map.of("name", "b", "url", "https://b.example.com/h", "events", List.of("order.placed")),
                        b)
                .json()
                .get("id")
                .asString();

        Integer changed = inTransactionAs(
                a,
                dsl -> dsl.update(WEBHOOK)
                        .set(WEBHOOK.NAME, "hijacked")
                        .where(WEBHOOK.ID.eq(id))
                        .execute());

        assertThat(changed).isZero();
        assertThat(api.get("/v1/webhooks/" + id, b).json().get("name").asString())
                .isEqualTo("b");
    }

    @Test
    void theRuntimeRoleIsNeitherSuperuserNorOwnerNorExemptFromRowSecurity() {
        TestTenant a = api.newTenant();
        Record role = java.util.Objects.requireNonNull(inTransactionAs(
                a,
                dsl -> dsl.fetchSingle("select current_user as name, r.rolsuper, r.rolbypassrls,"
                        + " (select tableowner from pg_tables where tablename = 'webhook') as owner"
                        + " from pg_roles r where r.rolname = current_user")));

        assertThat(role.get("name", String.class)).isEqualTo("hookline_app");
        assertThat(role.get("rolsuper", Boolean.class)).isFalse();
        assertThat(role.get("rolbypassrls", Boolean.class)).isFalse();
        assertThat(role.get("owner", String.class)).isNotEqualTo("hookline_app");
    }

    @Test
    void theWorkerRoleDoesNotBypassRowSecurityEither() {
        TestTenant a = api.newTenant();
        Boolean bypass = inTransactionAs(
                a,
                dsl -> dsl.fetchSingle("select rolbypassrls from pg_roles where rolname = 'hookline_worker'")
                        .get(0, Boolean.class));

        assertThat(bypass).isFalse();
    }

    /**
     * Guards every table to come: a table with a tenant_id column must have row security on, a
     * policy, and the delivery worker's own policy.
     */
    @Test
    void everyTenantScopedTableHasRowSecurityAndAPolicy() {
        TestTenant a = api.newTenant();
        List<Record> tables = java.util.Objects.requireNonNull(inTransactionAs(
                a,
                dsl -> dsl.fetch("select c.relname as name, c.relrowsecurity as secured,"
                        + " (select count(*) from pg_policies p where p.tablename = c.relname) as policies,"
                        + " (select count(*) from pg_policies p where p.tablename = c.relname"
                        + " and 'hookline_worker' = any (p.roles) and p.permissive = 'PERMISSIVE'"
                        + " and p.cmd = 'ALL') as worker_policies"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = current_schema() and c.relkind = 'r' and exists ("
                        + " select 1 from information_schema.columns col where col.table_schema = n.nspname"
                        + " and col.table_name = c.relname and col.column_name = 'tenant_id')")));

        assertThat(tables)
                .extracting(t -> t.get("name", String.class))
                .contains("webhook", "event", "delivery", "customer", "site", "item", "sales_order", "payment");
        assertThat(tables).allSatisfy(table -> {
            assertThat(table.get("secured", Boolean.class))
                    .as("row security on %s", table.get("name"))
                    .isTrue();
            assertThat(table.get("policies", Long.class))
                    .as("policies on %s", table.get("name"))
                    .isPositive();
            // The delivery worker reaches every tenant through a policy of its own (it has no
            // BYPASSRLS): a table without one would be invisible to it.
            assertThat(table.get("worker_policies", Long.class))
                    .as("hookline_worker policy on %s", table.get("name"))
                    .isEqualTo(1);
        });
    }
}
