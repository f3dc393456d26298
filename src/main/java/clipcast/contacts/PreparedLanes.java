package clipcast.contacts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The prepared transactions of import lanes ({@link ImportLane}) and how each one ends: committed when its import's
 * first lane committed (the import is DONE), rolled back otherwise.
 *
 * <p>The first lane holds an advisory lock on its import for as long as its transaction lasts. Whoever resolves a
 * prepared lane takes that lock first: while the first lane runs it cannot, and leaves the lane alone; once it has,
 * the first lane has committed or rolled back for good, and the import's status says which. So a lane is never
 * committed for an import that did not commit, nor rolled back for one that did, whichever node looks, however
 * late.
 */
@Component
class PreparedLanes {

    private static final Logger log = LoggerFactory.getLogger(PreparedLanes.class);
    private static final String KEY = "hashtextextended('clipcast-import:' || ?::text, 0)";
    private static final String UNDEFINED_OBJECT = "42704";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private volatile Boolean available;

    PreparedLanes(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Whether the server allows prepared transactions ({@code max_prepared_transactions} above 0). */
    boolean available() {
        if (available == null) {
            available = jdbc.sql("SELECT current_setting('max_prepared_transactions')::int > 0")
                    .query(Boolean.class)
                    .single();
        }
        return available;
    }

    /** Taken by the import's first lane, in its transaction, before any other lane starts. */
    void holdImportLock(UUID importId) {
        jdbc.sql("SELECT true FROM pg_advisory_xact_lock(" + KEY + ")")
                .param(importId)
                .query(Boolean.class)
                .single();
    }

    /** Commits a lane after its import's first lane committed; if that fails, {@link #resolveOrphans} will. */
    void commit(String gid) {
        try {
            jdbc.sql("COMMIT PREPARED '" + checked(gid) + "'").update();
        } catch (RuntimeException e) {
            if (NestedExceptionUtils.getMostSpecificCause(e) instanceof SQLException sql
                    && UNDEFINED_OBJECT.equals(sql.getSQLState())) {
                return; // another node's lease pass committed it first
            }
            log.warn("Import lane {} is committed later: {}", gid, e.toString());
        }
    }

    /**
     * Ends a prepared lane as its import's first lane ended, unless that one still runs.
     *
     * @return whether this call ended it
     */
    boolean resolve(String gid) {
        var matcher = ImportLane.GID.matcher(gid);
        if (!matcher.matches()) {
            return false;
        }
        var importId = UUID.fromString(matcher.group(1));
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection, "pg_try_advisory_lock", importId)) {
                return false;
            }
            try {
                boolean done;
                try (var status = connection.prepareStatement("SELECT status FROM contact_import WHERE id = ?")) {
                    status.setObject(1, importId);
                    try (var rs = status.executeQuery()) {
                        done = rs.next() && "DONE".equals(rs.getString(1));
                    }
                }
                try (var end = connection.createStatement()) {
                    end.execute((done ? "COMMIT" : "ROLLBACK") + " PREPARED '" + gid + "'");
                }
                log.info("Import lane {} {}", gid, done ? "committed" : "rolled back");
                return true;
            } catch (SQLException e) {
                if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
                    return false; // ended meanwhile, by the import or another node
                }
                throw e;
            } finally {
                lock(connection, "pg_advisory_unlock", importId);
            }
        } catch (SQLException e) {
            log.warn("Import lane {} could not be ended now; it is tried again: {}", gid, e.toString());
            return false;
        }
    }

    /** Ends every prepared lane whose import's first lane has ended. Runs in the platform's scope. */
    int resolveOrphans() {
        var gids = jdbc.sql("""
                        SELECT gid FROM pg_prepared_xacts
                        WHERE database = current_database() AND gid LIKE 'clipcast-import-%'""").query(String.class).list();
        int resolved = 0;
        for (var gid : gids) {
            resolved += resolve(gid) ? 1 : 0;
        }
        return resolved;
    }

    /**
     * Whether a failure is PostgreSQL's refusal to prepare one more transaction: all of {@code
     * max_prepared_transactions} are taken (other imports, other nodes), or there are none.
     */
    static boolean outOfSlots(Throwable failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure) instanceof SQLException sql
                && ("53200".equals(sql.getSQLState()) || "55000".equals(sql.getSQLState()))
                && sql.getMessage() != null
                && sql.getMessage().contains("prepared transactions");
    }

    private static boolean lock(Connection connection, String function, UUID importId) throws SQLException {
        try (var lock = connection.prepareStatement("SELECT " + function + "(" + KEY + ")")) {
            lock.setObject(1, importId);
            try (var rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String checked(String gid) {
        if (!ImportLane.GID.matcher(gid).matches()) {
            throw new IllegalArgumentException("Not a lane's transaction id: " + gid);
        }
        return gid;
    }
}
