package clipcast.delivery;

import clipcast.TimeOrderedIds;
import clipcast.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the sandbox transport recorded instead of sending, for the current tenant (table {@code sandbox_message}). */
@Repository
class SandboxMessages {

    static final int SHOWN = 100;

    /** A recorded message as the list shows it: its text, and whether its wire form was recorded too. */
    record Summary(
            UUID id,
            Instant createdAt,
            String channel,
            String recipient,
            String subject,
            String body,
            boolean hasRaw) {}

    /**
     * A recorded message.
     *
     * @param raw the message exactly as it would have gone on the wire (email only), or null
     */
    record Message(
            UUID id, Instant createdAt, String channel, String recipient, String subject, String body, String raw) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Deletes what was recorded for a contact of the current tenant: messages to any of its {@code addresses}
     * (confirmations included) and those that stand for its outbox messages.
     */
    void deleteFor(UUID contactId, Collection<String> addresses) {
        var tenant = TenantScope.requireTenant().value();
        jdbc.sql("""
                        DELETE FROM sandbox_message s
                        WHERE s.tenant_id = ?
                          AND (s.recipient = ANY (?::text[])
                               OR s.message_id IN (SELECT id FROM outbox_message
                                                   WHERE tenant_id = ? AND contact_id = ?))""")
                .params(tenant, addresses.toArray(String[]::new), tenant, contactId)
                .update();
    }

    /** Records an email that has no outbox message behind it (a confirmation link). */
    void recordEmail(String recipient, String subject, String text, String raw) {
        record("EMAIL", recipient, subject, text, raw, null, null);
    }

    /**
     * Records a message for the current tenant, in the caller's transaction; {@code campaignId} and
     * {@code messageId} name the outbox message it stands for, when there is one.
     */
    void record(
            String channel,
            String recipient,
            String subject,
            String body,
            String raw,
            UUID campaignId,
            UUID messageId) {
        jdbc.sql("""
                        INSERT INTO sandbox_message (tenant_id, id, channel, recipient, subject, body, created_at,
                                                     campaign_id, message_id, raw)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        TenantScope.requireTenant().value(),
                        TimeOrderedIds.next(clock),
                        channel,
                        recipient,
                        subject,
                        body,
                        Timestamp.from(clock.instant()),
                        campaignId,
                        messageId,
                        raw)
                .update();
    }

    /** The newest messages, without their wire form (which only the message's own page shows). */
    List<Summary> newest() {
        return jdbc.sql("""
                        SELECT id, created_at, channel, recipient, subject, body, raw IS NOT NULL AS has_raw
                        FROM sandbox_message WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(TenantScope.requireTenant().value(), SHOWN)
                .query((rs, row) -> new Summary(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getBoolean("has_raw")))
                .list();
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, created_at, channel, recipient, subject, body, raw
                        FROM sandbox_message WHERE tenant_id = ? AND id = ?""")
                .params(TenantScope.requireTenant().value(), id)
                .query(SandboxMessages::map)
                .optional();
    }

    private static Message map(ResultSet rs, int row) throws SQLException {
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("channel"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("raw"));
    }
}
