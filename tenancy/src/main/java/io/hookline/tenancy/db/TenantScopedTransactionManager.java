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
 * <p>Row-level security is the second wall: repositories filter by tenant themselves, and the
 * policies catch a query that forgot to.
 */
public class TenantScopedTransactionManager extends JdbcTransactionManager {

    private static final String SETTINGS_SQL =
            "select set_config('role', ?, true), set_config('hookline.tenant_id', ?, true)";

    private final String runtimeRole;

    public TenantScopedTransactionManager(DataSource dataSource, String runtimeRole) {
        super(dataSource);
        this.runtimeRole = runtimeRole;
        setEnforceReadOnly(false);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        String tenant = CallerContext.tenant().map(Object::toString).orElse("");
        try (PreparedStatement statement = con.prepareStatement(SETTINGS_SQL)) {
            statement.setString(1, runtimeRole);
            statement.setString(2, tenant);
            statement.execute();
        }
    }
}
