package clipcast.delivery.feedback;

import clipcast.TimeOrderedIds;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Emails a tenant sent, written into the outbox as the delivery workers leave them (status SENT). */
final class SentEmails {

    static final String SENDER = "offers@shop.example";

    private final JdbcClient jdbc;

    SentEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Sent sent(TenantId tenant, String address, Instant sentAt) {
        var id = TimeOrderedIds.next();
        var campaign = UUID.randomUUID();
        TenantScope.run(
                tenant,
                () -> jdbc.sql("""
                        INSERT INTO outbox_message (tenant_id, id, campaign_id, contact_id, channel, purpose, address,
                                                    fingerprint, simhash, status, not_before, attempts, handed_at,
                                                    provider_ref, created_at, sent_at)
                        VALUES (?, ?, ?, ?, 'EMAIL', 'marketing', ?, 0, 0, 'SENT', ?, 1, ?, '250 2.0.0 Ok: queued', ?,
                                ?)""")
                        .params(
                                tenant.value(),
                                id,
                                campaign,
                                UUID.randomUUID(),
                                address,
                                Timestamp.from(sentAt),
                                Timestamp.from(sentAt),
                                Timestamp.from(sentAt),
                                Timestamp.from(sentAt))
                        .update());
        return new Sent(tenant, id, campaign, address);
    }

    /** The kinds of the message's delivery events, in the order recorded. */
    List<String> events(Sent message) {
        return TenantScope.call(
                message.tenant(),
                () -> jdbc.sql("SELECT kind FROM delivery_event WHERE tenant_id = ? AND message_id = ? ORDER BY seq")
                        .params(message.tenant().value(), message.id())
                        .query(String.class)
                        .list());
    }

    /** One sent email: its outbox id is the local part of its Message-ID. */
    record Sent(TenantId tenant, UUID id, UUID campaignId, String address) {

        String messageId() {
            return "<" + id + "@shop.example>";
        }

        /** The placeholders of a report about this message. */
        Map<String, String> report() {
            return Map.of("sender", SENDER, "recipient", address, "messageId", messageId());
        }
    }
}
