package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ImportRepository {

    private final JdbcClient jdbc;

    ImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            TenantId tenant,
            UUID id,
            String fileName,
            String sha256,
            ImportAttestation attestation,
            Instant leaseUntil) {
        jdbc.sql("""
                        INSERT INTO contact_import (tenant_id, id, status, file_name, file_sha256, channel, purpose,
                            consent_method, consent_text, source_description, collected_at, not_purchased,
                            lease_until)
                        VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        tenant.value(),
                        id,
                        fileName,
                        sha256,
                        attestation.channel().name(),
                        attestation.purpose(),
                        attestation.consentMethod().name(),
                        attestation.consentText(),
                        attestation.sourceDescription(),
                        Timestamp.from(attestation.collectedAt()),
                        attestation.notPurchased(),
                        Timestamp.from(leaseUntil))
                .update();
    }

    /** Extends the leases of the running imports this node has (any tenants: platform scope). */
    void renewLeases(List<TenantId> tenants, List<UUID> ids, Instant until) {
        jdbc.sql("""
                        UPDATE contact_import i SET lease_until = ?
                        FROM unnest(?::uuid[], ?::uuid[]) AS held(tenant_id, id)
                        WHERE i.tenant_id = held.tenant_id AND i.id = held.id AND i.status = 'RUNNING'""")
                .params(
                        Timestamp.from(until),
                        tenants.stream().map(TenantId::value).toArray(UUID[]::new),
                        ids.toArray(UUID[]::new))
                .update();
    }

    /**
     * The import is done, in its own transaction. Should its node have stalled past its lease, another node failed it
     * meanwhile as ABANDONED; the import's commit is the truth, so that verdict goes.
     */
    void finish(TenantId tenant, UUID id, long total, long rejected, Instant at) {
        jdbc.sql("""
                        UPDATE contact_import SET status = 'DONE', rows_total = ?, rows_rejected = ?,
                            rows_imported = ? - ?, finished_at = ?, failure = NULL
                        WHERE tenant_id = ? AND id = ?""")
                .params(total, rejected, total, rejected, Timestamp.from(at), tenant.value(), id)
                .update();
        jdbc.sql("""
                        DELETE FROM contact_import_error
                        WHERE tenant_id = ? AND import_id = ? AND field = 'file' AND code = 'ABANDONED'""").params(tenant.value(), id).update();
    }

    /** How many rows a running import has read so far (committed apart from the import, so others see it). */
    void progress(TenantId tenant, UUID id, long rowsRead) {
        jdbc.sql("UPDATE contact_import SET rows_total = ? WHERE tenant_id = ? AND id = ? AND status = 'RUNNING'")
                .params(rowsRead, tenant.value(), id)
                .update();
    }

    void fail(TenantId tenant, UUID id, long row, String code, Instant at) {
        jdbc.sql("DELETE FROM contact_import_error WHERE tenant_id = ? AND import_id = ?")
                .params(tenant.value(), id)
                .update();
        jdbc.sql("""
                        INSERT INTO contact_import_error (tenant_id, import_id, row_number, field, code, message)
                        VALUES (?, ?, ?, 'file', ?, ?)""").params(tenant.value(), id, row, code, code).update();
        jdbc.sql("""
                        UPDATE contact_import SET status = 'FAILED', failure = ?, rows_total = 0, rows_imported = 0,
                            rows_rejected = 0, finished_at = ?
                        WHERE tenant_id = ? AND id = ?""").params(code, Timestamp.from(at), tenant.value(), id).update();
    }

    /**
     * Imports whose node stopped renewing their lease (any tenants: platform scope): failed, with the report's one
     * error, so that their owner knows to start them again (an import keeps all or nothing: nothing was kept).
     */
    int failAbandoned(Instant at) {
        return jdbc.sql("""
                        WITH abandoned AS (
                            UPDATE contact_import SET status = 'FAILED', failure = 'ABANDONED', finished_at = ?,
                                rows_total = 0, rows_imported = 0, rows_rejected = 0
                            WHERE status = 'RUNNING' AND (lease_until IS NULL OR lease_until < ?)
                            RETURNING tenant_id, id
                        )
                        INSERT INTO contact_import_error (tenant_id, import_id, row_number, field, code, message)
                        SELECT tenant_id, id, 0, 'file', 'ABANDONED', 'ABANDONED' FROM abandoned""").params(Timestamp.from(at), Timestamp.from(at)).update();
    }

    /** The job first, then its errors: a finished job's errors were committed with its status, so none is missed. */
    Optional<ImportJob> find(TenantId tenant, UUID id, int maxErrors) {
        var job = jdbc.sql("""
                        SELECT i.*, (SELECT count(*) FROM contact_import_error e
                                     WHERE e.tenant_id = i.tenant_id AND e.import_id = i.id) AS errors_total
                        FROM contact_import i WHERE i.tenant_id = ? AND i.id = ?""")
                .params(tenant.value(), id)
                .query((rs, row) -> map(rs, List.of()))
                .optional();
        return job.map(found -> {
            var errors = jdbc.sql("""
                            SELECT row_number, field, code FROM contact_import_error
                            WHERE tenant_id = ? AND import_id = ? ORDER BY row_number, field LIMIT ?""")
                    .params(tenant.value(), id, maxErrors)
                    .query((rs, row) -> new ImportJob.RowError(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .list();
            return new ImportJob(
                    found.id(),
                    found.status(),
                    found.fileName(),
                    found.fileSha256(),
                    found.attestation(),
                    found.rowsTotal(),
                    found.rowsImported(),
                    found.rowsRejected(),
                    errors,
                    found.errorsTotal(),
                    found.createdAt(),
                    found.finishedAt());
        });
    }

    private static ImportJob map(ResultSet rs, List<ImportJob.RowError> errors) throws SQLException {
        var finished = rs.getTimestamp("finished_at");
        return new ImportJob(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("file_name"),
                rs.getString("file_sha256"),
                new ImportAttestation(
                        Channel.valueOf(rs.getString("channel")),
                        rs.getString("purpose"),
                        ConsentMethod.valueOf(rs.getString("consent_method")),
                        rs.getString("consent_text"),
                        rs.getString("source_description"),
                        rs.getTimestamp("collected_at").toInstant(),
                        rs.getBoolean("not_purchased"),
                        null),
                rs.getLong("rows_total"),
                rs.getLong("rows_imported"),
                rs.getLong("rows_rejected"),
                errors,
                rs.getLong("errors_total"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
