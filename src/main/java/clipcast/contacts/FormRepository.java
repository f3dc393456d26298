package clipcast.contacts;

import clipcast.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FormRepository {

    private final JdbcClient jdbc;

    FormRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, UUID id, String name, String purpose, List<String> fields, String consentText) {
        jdbc.sql("INSERT INTO subscribe_form (tenant_id, id, name, purpose, fields) VALUES (?, ?, ?, ?, ?)")
                .params(tenant.value(), id, name, purpose, fields.toArray(String[]::new))
                .update();
        jdbc.sql("INSERT INTO subscribe_form_version (tenant_id, form_id, version, consent_text) VALUES (?, ?, 1, ?)")
                .params(tenant.value(), id, consentText)
                .update();
    }

    void newVersion(TenantId tenant, UUID id, String consentText) {
        var version =
                jdbc.sql("""
                        UPDATE subscribe_form SET current_version = current_version + 1
                        WHERE tenant_id = ? AND id = ? RETURNING current_version""").params(tenant.value(), id).query(Integer.class).single();
        jdbc.sql("INSERT INTO subscribe_form_version (tenant_id, form_id, version, consent_text) VALUES (?, ?, ?, ?)")
                .params(tenant.value(), id, version, consentText)
                .update();
    }

    Optional<SubscribeForm> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        SELECT f.id, f.name, f.purpose, f.fields, f.current_version, v.consent_text
                        FROM subscribe_form f JOIN subscribe_form_version v
                          ON v.tenant_id = f.tenant_id AND v.form_id = f.id AND v.version = f.current_version
                        WHERE f.tenant_id = ? AND f.id = ?""")
                .params(tenant.value(), id)
                .query((rs, row) -> new SubscribeForm(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("purpose"),
                        List.of((String[]) rs.getArray("fields").getArray()),
                        rs.getInt("current_version"),
                        rs.getString("consent_text")))
                .optional();
    }

    Optional<String> consentText(TenantId tenant, UUID formId, int version) {
        return jdbc.sql("""
                        SELECT consent_text FROM subscribe_form_version
                        WHERE tenant_id = ? AND form_id = ? AND version = ?""")
                .params(tenant.value(), formId, version)
                .query(String.class)
                .optional();
    }

    /** Which tenant a form belongs to: public pages know only the form's id (asked in the platform scope). */
    Optional<TenantId> tenantOf(UUID formId) {
        return jdbc.sql("SELECT tenant_id FROM subscribe_form WHERE id = ?")
                .param(formId)
                .query(UUID.class)
                .optional()
                .map(TenantId::new);
    }

    record Pending(
            UUID formId,
            int version,
            UUID contactId,
            String sourceUrl,
            String ip,
            String userAgent,
            Instant collectedAt,
            Instant expiresAt,
            Instant confirmedAt) {}

    void insertPending(TenantId tenant, byte[] tokenHash, Pending pending) {
        jdbc.sql("""
                        INSERT INTO subscription_confirmation (tenant_id, token_hash, form_id, version, contact_id,
                            source_url, ip, user_agent, collected_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        tenant.value(),
                        tokenHash,
                        pending.formId(),
                        pending.version(),
                        pending.contactId(),
                        pending.sourceUrl(),
                        pending.ip(),
                        pending.userAgent(),
                        Timestamp.from(pending.collectedAt()),
                        Timestamp.from(pending.expiresAt()))
                .update();
    }

    /** The pending subscription, locked so two clicks confirm it once. */
    Optional<Pending> findPendingForUpdate(TenantId tenant, byte[] tokenHash) {
        return jdbc.sql("""
                        SELECT * FROM subscription_confirmation WHERE tenant_id = ? AND token_hash = ? FOR UPDATE""")
                .params(tenant.value(), tokenHash)
                .query((rs, row) -> {
                    var confirmed = rs.getTimestamp("confirmed_at");
                    return new Pending(
                            rs.getObject("form_id", UUID.class),
                            rs.getInt("version"),
                            rs.getObject("contact_id", UUID.class),
                            rs.getString("source_url"),
                            rs.getString("ip"),
                            rs.getString("user_agent"),
                            rs.getTimestamp("collected_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(),
                            confirmed == null ? null : confirmed.toInstant());
                })
                .optional();
    }

    void markConfirmed(TenantId tenant, byte[] tokenHash, Instant at) {
        jdbc.sql("UPDATE subscription_confirmation SET confirmed_at = ? WHERE tenant_id = ? AND token_hash = ?")
                .params(Timestamp.from(at), tenant.value(), tokenHash)
                .update();
    }
}
