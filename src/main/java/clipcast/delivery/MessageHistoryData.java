package clipcast.delivery;

import clipcast.contacts.PersonalDataHolder;
import clipcast.tenancy.TenantScope;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The messages sent or meant for a contact, as personal data: in the contact's export, and stripped of the person at
 * its erasure. An erased contact's messages keep their place in the campaigns' counts (status, times, events), but
 * not the address they went to, nor a relay's answer or an event's detail (both may quote the address); those not sent yet are
 * cancelled; what the sandbox recorded for the contact, confirmation emails to its addresses included, is deleted.
 */
@Component
class MessageHistoryData implements PersonalDataHolder {

    /** What an erased message's address becomes (the column cannot be empty of a value). */
    static final String ERASED = "";

    private final JdbcClient jdbc;

    MessageHistoryData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String exportName() {
        return "messages";
    }

    @Override
    public List<Map<String, Object>> export(UUID contactId) {
        return jdbc.sql("""
                        SELECT id, campaign_id, channel, address, status, created_at, sent_at
                        FROM outbox_message WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at, id""")
                .params(TenantScope.requireTenant().value(), contactId)
                .query((rs, row) -> {
                    var message = new LinkedHashMap<String, Object>();
                    message.put("id", rs.getObject("id", UUID.class));
                    message.put("campaignId", rs.getObject("campaign_id", UUID.class));
                    message.put("channel", rs.getString("channel"));
                    message.put("address", rs.getString("address"));
                    message.put("status", rs.getString("status"));
                    message.put("createdAt", instant(rs.getTimestamp("created_at")));
                    message.put("sentAt", instant(rs.getTimestamp("sent_at")));
                    return (Map<String, Object>) message;
                })
                .list();
    }

    @Override
    public void erase(UUID contactId, Collection<String> addresses) {
        var tenant = TenantScope.requireTenant().value();
        jdbc.sql("""
                        DELETE FROM sandbox_message s
                        WHERE s.tenant_id = ?
                          AND (s.recipient = ANY (?::text[])
                               OR s.message_id IN (SELECT id FROM outbox_message
                                                   WHERE tenant_id = ? AND contact_id = ?))""")
                .params(tenant, addresses.toArray(String[]::new), tenant, contactId)
                .update();
        jdbc.sql("""
                        UPDATE delivery_event e SET detail = NULL
                        WHERE e.tenant_id = ? AND e.detail IS NOT NULL
                          AND e.message_id IN (SELECT id FROM outbox_message WHERE tenant_id = ? AND contact_id = ?)""").params(tenant, tenant, contactId).update();
        jdbc.sql("""
                        UPDATE outbox_message SET address = ?,
                            status = CASE WHEN status IN ('HELD', 'QUEUED') THEN 'CANCELLED' ELSE status END,
                            failure_code = CASE WHEN status IN ('HELD', 'QUEUED') THEN 'ERASED' ELSE failure_code END,
                            failure_reason = NULL
                        WHERE tenant_id = ? AND contact_id = ?""").params(ERASED, tenant, contactId).update();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
