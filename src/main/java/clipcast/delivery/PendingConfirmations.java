package clipcast.delivery;

import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The confirmation emails that no relay has accepted or refused yet ({@code confirmation_email}): kept in the
 * database, so that a "try later" is tried again by whichever node is up. A row is claimed for a lease while a node
 * sends it; a node that dies meanwhile leaves it to the others once the lease has run out.
 */
@Component
class PendingConfirmations {

    /** An email waiting for its next attempt, with the attempts made so far. */
    record Pending(
            TenantId tenant,
            UUID id,
            String messageId,
            String fromName,
            String recipient,
            String subject,
            String body,
            int attempts) {}

    private final JdbcClient jdbc;

    PendingConfirmations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an email in the caller's transaction and scope, claimed by the caller until {@code claimedUntil}: it sends
     * the first attempt itself once the transaction has committed.
     */
    void add(Pending email, Instant now, Instant claimedUntil) {
        jdbc.sql("""
                        INSERT INTO confirmation_email (tenant_id, id, message_id, from_name, recipient, subject, body,
                            next_attempt_at, claimed_until)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        email.tenant().value(),
                        email.id(),
                        email.messageId(),
                        email.fromName(),
                        email.recipient(),
                        email.subject(),
                        email.body(),
                        Timestamp.from(now),
                        Timestamp.from(claimedUntil))
                .update();
    }

    /** Claims up to {@code limit} emails of any tenant that are due and not claimed by a live node. */
    List<Pending> claimDue(Instant now, Instant claimedUntil, int limit) {
        return TenantScope.callAsPlatform(() -> jdbc.sql("""
                        WITH due AS (
                            SELECT tenant_id, id FROM confirmation_email
                            WHERE next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        UPDATE confirmation_email c SET claimed_until = ?
                        FROM due WHERE c.tenant_id = due.tenant_id AND c.id = due.id
                        RETURNING c.tenant_id, c.id, c.message_id, c.from_name, c.recipient, c.subject, c.body,
                                  c.attempts""")
                .params(Timestamp.from(now), Timestamp.from(now), limit, Timestamp.from(claimedUntil))
                .query((rs, row) -> pending(rs))
                .list());
    }

    /** The email is done with: accepted, refused, or given up. */
    void remove(Pending email) {
        TenantScope.callAsPlatform(() -> jdbc.sql("DELETE FROM confirmation_email WHERE tenant_id = ? AND id = ?")
                .params(email.tenant().value(), email.id())
                .update());
    }

    /** The relay said "try later": the next attempt is due then, for any node. */
    void retryAt(Pending email, int attempts, Instant next) {
        TenantScope.callAsPlatform(() -> jdbc.sql("""
                        UPDATE confirmation_email SET attempts = ?, next_attempt_at = ?, claimed_until = NULL
                        WHERE tenant_id = ? AND id = ?""")
                .params(attempts, Timestamp.from(next), email.tenant().value(), email.id())
                .update());
    }

    /** Drops the current tenant's waiting emails to these addresses (a person erased). */
    void deleteTo(Collection<String> addresses) {
        jdbc.sql("DELETE FROM confirmation_email WHERE tenant_id = ? AND recipient = ANY (?::text[])")
                .params(TenantScope.requireTenant().value(), addresses.toArray(String[]::new))
                .update();
    }

    private static Pending pending(ResultSet rs) throws SQLException {
        return new Pending(
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getObject("id", UUID.class),
                rs.getString("message_id"),
                rs.getString("from_name"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getInt("attempts"));
    }
}
