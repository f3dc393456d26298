package clipcast.coupons;

import clipcast.coupons.domain.CodeImportProblem;
import clipcast.tenancy.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The codes of one import on their way into {@code coupon_code}: streamed with COPY into the temporary table
 * {@code code_import} of the import's transaction (row-level security does not let the application COPY into
 * {@code coupon_code} itself; a temporary table has none), then checked and moved in whole statements. Every method
 * needs that transaction: the table is dropped at its end, whether it commits or rolls back.
 */
@Repository
class CodeImportStage {

    private static final String CREATE =
            "CREATE TEMP TABLE code_import (file_row bigint NOT NULL, code text NOT NULL) ON COMMIT DROP";
    private static final String COPY = "COPY code_import (file_row, code) FROM STDIN";
    /** Encoded rows go to the COPY in pieces of about this size. */
    private static final int PIECE = 64 * 1024;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    CodeImportStage(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Creates the stage. */
    void create() {
        // Sorting and joining millions of staged codes fits in memory instead of spilling (this transaction only).
        jdbc.sql("SELECT set_config('work_mem', '256MB', true)").query().singleValue();
        jdbc.sql(CREATE).update();
    }

    /** Starts the COPY into the stage, on the transaction's connection: nothing else may use it until it ends. */
    Copy copy() {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            return new Copy(
                    connection,
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY));
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("Could not start the COPY of imported codes", e);
        }
    }

    /** Gives the planner the stage's size and spread: a temporary table is never analysed by itself. */
    void analyze() {
        jdbc.sql("ANALYZE code_import").update();
    }

    /**
     * Adds the staged codes to the offer, in code order (the primary key's index is then written page after page);
     * a code the tenant has already, or one that came before in the stage, is left out. The columns are those of
     * generated codes ({@link CodeRepository#insertStaged}): an imported code starts unissued and unredeemed.
     *
     * @return how many codes were added
     */
    long insert(TenantId tenant, UUID offerId) {
        return jdbc.sql("""
                        INSERT INTO coupon_code (tenant_id, code, offer_id)
                        SELECT ?, code, ? FROM code_import ORDER BY code
                        ON CONFLICT DO NOTHING""").params(tenant.value(), offerId).update();
    }

    /**
     * The staged rows that cannot be added: a code that came before in the file ({@code DUPLICATE_CODE}, every
     * occurrence after the first), or one the tenant has ({@code CODE_TAKEN}, at its first occurrence).
     *
     * @param limit how many of them to list, the first in row order
     */
    Conflicts conflicts(TenantId tenant, int limit) {
        var found = jdbc.sql("""
                        SELECT file_row, problem, count(*) OVER () AS total
                        FROM (SELECT i.file_row,
                                     CASE WHEN row_number() OVER (PARTITION BY i.code ORDER BY i.file_row) > 1
                                              THEN 'DUPLICATE_CODE'
                                          WHEN c.code IS NOT NULL THEN 'CODE_TAKEN'
                                     END AS problem
                              FROM code_import i
                              LEFT JOIN coupon_code c ON c.tenant_id = ? AND c.code = i.code) AS checked
                        WHERE problem IS NOT NULL
                        ORDER BY file_row
                        LIMIT ?""")
                .params(tenant.value(), limit)
                .query((rs, n) -> new Conflict(
                        new ImportOutcome.RowError(
                                rs.getLong("file_row"), "code", CodeImportProblem.valueOf(rs.getString("problem"))),
                        rs.getLong("total")))
                .list();
        return new Conflicts(
                found.stream().map(Conflict::error).toList(),
                found.isEmpty() ? 0 : found.getFirst().total());
    }

    private record Conflict(ImportOutcome.RowError error, long total) {}

    /** The first conflicting rows in row order, and how many there are in all. */
    record Conflicts(List<ImportOutcome.RowError> first, long total) {}

    /** The COPY of an import's codes: rows are sent as they come, a piece at a time. */
    final class Copy implements AutoCloseable {

        private final Connection connection;
        private final CopyIn copy;
        private final TextCopyRows rows = new TextCopyRows(PIECE + 1024);

        private Copy(Connection connection, CopyIn copy) {
            this.connection = connection;
            this.copy = copy;
        }

        void add(long row, String code) {
            rows.bigint(row).text(code).endRow();
            if (rows.length() >= PIECE) {
                send();
            }
        }

        /** Ends the COPY; how many rows it staged. */
        long finish() {
            send();
            try {
                return copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("The COPY of imported codes failed", e);
            }
        }

        /** Cancels the COPY if it has not ended (the file failed part way), and gives the connection back. */
        @Override
        public void close() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // The transaction is failing already; its rollback ends the COPY.
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        private void send() {
            if (rows.length() == 0) {
                return;
            }
            try {
                copy.writeToCopy(rows.bytes(), 0, rows.length());
            } catch (SQLException e) {
                throw new IllegalStateException("The COPY of imported codes failed", e);
            }
            rows.clear();
        }
    }
}
