package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CodeJobRepository {

    private final JdbcClient jdbc;

    CodeJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new job: queued for any node, or running already on this one (holding the lease). */
    CodeJob insert(TenantId tenant, UUID id, UUID offerId, int total, CodeJob.Status status, Duration lease) {
        return jdbc.sql("INSERT INTO code_job (tenant_id, id, offer_id, total, status, lease_until)"
                        + " VALUES (?, ?, ?, ?, ?, CASE WHEN ? = 'RUNNING' THEN now() + ?::interval END)"
                        + " RETURNING id, offer_id, status, done, total")
                .params(
                        tenant.value(),
                        id,
                        offerId,
                        total,
                        status.name(),
                        status.name(),
                        lease.toSeconds() + " seconds")
                .query(CodeJobRepository::map)
                .single();
    }

    Optional<CodeJob> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT id, offer_id, status, done, total FROM code_job WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(CodeJobRepository::map)
                .optional();
    }

    record Claimed(TenantId tenant, CodeJob job) {}

    /**
     * Claims the oldest queued job, or a running one whose node stopped renewing its lease, for this node. Runs in
     * the platform scope: jobs of every tenant.
     */
    Optional<Claimed> claimNext(Duration lease) {
        return jdbc.sql("""
                        UPDATE code_job j SET status = 'RUNNING', lease_until = now() + ?::interval
                        FROM (SELECT tenant_id, id FROM code_job
                              WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < now())
                              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) next
                        WHERE j.tenant_id = next.tenant_id AND j.id = next.id
                        RETURNING j.tenant_id, j.id, j.offer_id, j.status, j.done, j.total""")
                .param(lease.toSeconds() + " seconds")
                .query((rs, row) -> new Claimed(new TenantId(rs.getObject("tenant_id", UUID.class)), map(rs, row)))
                .optional();
    }

    /** Records progress and renews the lease; in the same transaction as the codes it counts. */
    void progress(TenantId tenant, UUID id, int added, Duration lease) {
        jdbc.sql("UPDATE code_job SET done = done + ?, lease_until = now() + ?::interval"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(added, lease.toSeconds() + " seconds", tenant.value(), id)
                .update();
    }

    void finish(TenantId tenant, UUID id, CodeJob.Status status) {
        jdbc.sql("UPDATE code_job SET status = ?, finished_at = now(), lease_until = NULL"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(status.name(), tenant.value(), id)
                .update();
    }

    private static CodeJob map(ResultSet rs, int row) throws SQLException {
        return new CodeJob(
                rs.getObject("id", UUID.class),
                rs.getObject("offer_id", UUID.class),
                CodeJob.Status.valueOf(rs.getString("status")),
                rs.getInt("done"),
                rs.getInt("total"));
    }
}
