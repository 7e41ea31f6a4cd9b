package io.hookline.tenancy.db;

import io.hookline.tenancy.context.CallerContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * A JDBC transaction manager that starts every transaction as {@code runtimeRole} with the
 * caller's tenant in {@code hookline.tenant_id}. Both settings are transaction-local
 * ({@code set_config(…, true)}), so a pooled connection carries nothing into the next
 * transaction, and a transaction without a bound tenant sees no tenant rows at all.
 *
 * <p>The delivery worker (a {@link CallerContext.Caller#worker() worker} caller) runs as
 * {@code workerRole} instead, which row-level policies of its own let see every tenant (it has
 * no {@code BYPASSRLS}, which managed PostgreSQL services never grant): claiming due deliveries
 * across tenants fairly is its job.
 *
 * <p>Row-level security is the second wall: repositories filter by tenant themselves, and the
 * policies catch a query that forgot to.
 */
public class TenantScopedTransactionManager extends JdbcTransactionManager {

    private static final String SETTINGS_SQL =
            "select set_config('role', ?, true), set_config('hookline.tenant_id', ?, true)";
    /**
     * The worker's transactions only record attempts and move deliveries along; if the last
     * few are lost in a database crash, those deliveries are simply attempted again when their
     * lease ends (delivery is at-least-once). So they do not wait for the WAL flush.
     */
    private static final String WORKER_SETTINGS_SQL = SETTINGS_SQL.replace(
            "set_config('hookline.tenant_id', ?, true)",
            "set_config('hookline.tenant_id', ?, true), set_config('synchronous_commit', 'off', true)");

    private final String runtimeRole;
    private final String workerRole;

    public TenantScopedTransactionManager(DataSource dataSource, String runtimeRole, String workerRole) {
        super(dataSource);
        this.runtimeRole = runtimeRole;
        this.workerRole = workerRole;
        setEnforceReadOnly(false);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        boolean worker =
                CallerContext.current().map(CallerContext.Caller::worker).orElse(false);
        String tenant = CallerContext.tenant().map(Object::toString).orElse("");
        try (PreparedStatement statement = con.prepareStatement(worker ? WORKER_SETTINGS_SQL : SETTINGS_SQL)) {
            statement.setString(1, worker ? workerRole : runtimeRole);
            statement.setString(2, tenant);
            statement.execute();
        }
    }
}
