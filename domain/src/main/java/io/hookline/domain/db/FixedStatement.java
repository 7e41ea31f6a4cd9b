package io.hookline.domain.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs a fixed statement of the hot publish path straight through JDBC, on the connection of
 * the caller's transaction. jOOQ's plain-SQL calls ({@code dsl.execute(sql, values…)}) parse the
 * statement's text for placeholders on every call; for the event insert and the fan-out, run on
 * every publish, that parse was about a tenth of a single-event publish's processor time
 * (docs/performance.md, "What the fifth round changed"). The driver still keeps the statement
 * prepared on the server after a few uses.
 */
public final class FixedStatement {

    /** Sets the statement's parameters; may create arrays with the connection. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, Connection connection) throws SQLException;
    }

    private FixedStatement() {}

    /** Executes {@code sql} with what {@code binder} sets; returns the rows it changed. */
    public static int execute(DSLContext dsl, String sql, Binder binder) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement, connection);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }
}
