package clipcast.database;

import clipcast.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands every connection over with the caller's tenant scope set as session settings, which the row-level
 * security policies of every tenant-owned table read. This is the one place where tenant isolation is enforced:
 * a query that forgets its {@code tenant_id} filter still sees only the current tenant's rows.
 */
final class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final String APPLY_SCOPE =
            "SELECT set_config('clipcast.tenant_id', ?, false), set_config('clipcast.scope', ?, false)";

    /**
     * The scope last set on each physical connection. Set outside any transaction (the pool hands connections out in
     * auto-commit), it stays until changed, so a connection handed out again in the same scope needs no round trip.
     */
    private static final Map<Object, String> APPLIED = Collections.synchronizedMap(new WeakHashMap<>());

    TenantScopedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        var connection = super.getConnection();
        try {
            apply(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        var connection = super.getConnection(username, password);
        apply(connection);
        return connection;
    }

    /** Closes the pool underneath. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private static void apply(Connection connection) throws SQLException {
        var scope = TenantScope.current();
        String tenant = "";
        String kind = "";
        if (scope instanceof TenantScope.Tenant(var id)) {
            tenant = id.value().toString();
            kind = "tenant";
        } else if (scope instanceof TenantScope.Platform) {
            kind = "platform";
        }
        var physical = connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : null;
        var wanted = kind + "|" + tenant;
        if (physical != null && connection.getAutoCommit() && wanted.equals(APPLIED.get(physical))) {
            return;
        }
        try (var statement = connection.prepareStatement(APPLY_SCOPE)) {
            statement.setString(1, tenant);
            statement.setString(2, kind);
            statement.execute();
        }
        if (physical != null) {
            if (connection.getAutoCommit()) {
                APPLIED.put(physical, wanted);
            } else {
                APPLIED.remove(physical);
            }
        }
    }
}
