package io.hookline.domain.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs a fixed statement of the hot publish path straight through JDBC, on the connection of
 * the caller's transaction. jOOQ's plain-SQL calls ({@code dsl.execute(sql, values…)}) parse the
 * statement's text for placeholders on every call; for the event insert and the fan-out, run on
 * every publish, that parse was about a tenth of a single-event publish's processor time
 * (docs/performance.md, "What the fifth round changed"). The driver still keeps the statement
 * prepared on the server after a few uses. Reading is the same: a plain-SQL {@code fetch} also
 * resolves every column's type from the result's metadata by name (a regular expression per
 * column) on every call, so the hot reads (claims, hand-offs, routes) map their rows themselves.
 */
public final class FixedStatement {

    /** Sets the statement's parameters; may create arrays with the connection. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, Connection connection) throws SQLException;

        /** Binds plain values (no arrays) to the parameters in order, each as the driver maps its type. */
        static Binder values(Object... values) {
            return (statement, connection) -> {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
            };
        }
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private FixedStatement() {}

    /** Runs the query {@code sql} with what {@code binder} sets; returns its rows, each mapped by {@code mapper}. */
    public static <T> List<T> query(DSLContext dsl, String sql, Binder binder, RowMapper<T> mapper) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement, connection);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> mapped = new ArrayList<>();
                    while (rows.next()) {
                        mapped.add(mapper.map(rows));
                    }
                    return mapped;
                }
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

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
