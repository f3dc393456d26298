package clipcast.campaigns;

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
class SenderRepository {

    private static final String COLUMNS = "id, kind, address, display_name, status, created_at, verified_at";

    private final JdbcClient jdbc;

    SenderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a sender; empty when the tenant has this address already. */
    Optional<Sender> insert(
            TenantId tenant,
            UUID id,
            String kind,
            String address,
            String displayName,
            boolean verified,
            byte[] tokenHash,
            Instant tokenExpires,
            Instant now) {
        return jdbc.sql("INSERT INTO sender (tenant_id, id, kind, address, display_name, status, token_hash,"
                        + " token_expires, created_at, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .params(
                        tenant.value(),
                        id,
                        kind,
                        address,
                        displayName,
                        verified ? "VERIFIED" : "PENDING",
                        tokenHash,
                        tokenExpires == null ? null : Timestamp.from(tokenExpires),
                        Timestamp.from(now),
                        verified ? Timestamp.from(now) : null)
                .query((rs, row) -> sender(rs))
                .optional();
    }

    Optional<Sender> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sender WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query((rs, row) -> sender(rs))
                .optional();
    }

    List<Sender> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sender WHERE tenant_id = ? ORDER BY created_at, id")
                .param(tenant.value())
                .query((rs, row) -> sender(rs))
                .list();
    }

    /** The pending sender of a confirmation token: its state, whether the link expired. */
    Optional<Pending> pending(TenantId tenant, byte[] tokenHash) {
        return jdbc.sql("SELECT id, token_expires FROM sender WHERE tenant_id = ? AND token_hash = ?")
                .params(tenant.value(), tokenHash)
                .query((rs, row) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("token_expires").toInstant()))
                .optional();
    }

    record Pending(UUID id, Instant expires) {}

    boolean verify(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE sender SET status = 'VERIFIED', verified_at = ?, token_hash = NULL, token_expires = NULL
                        WHERE tenant_id = ? AND id = ? AND status = 'PENDING'""").params(Timestamp.from(now), tenant.value(), id).update() == 1;
    }

    /** Whether the tenant owns this number (registered for inbound SMS). */
    boolean ownsNumber(TenantId tenant, String number) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sms_number WHERE number = ? AND tenant_id = ?)")
                .params(number, tenant.value())
                .query(Boolean.class)
                .single();
    }

    Optional<SenderProfile> profile(TenantId tenant) {
        return jdbc.sql("SELECT legal_name, postal_address, contact_email, email_cap, sms_cap, push_cap"
                        + " FROM sender_profile WHERE tenant_id = ?")
                .param(tenant.value())
                .query((rs, row) -> new SenderProfile(
                        rs.getString("legal_name"),
                        rs.getString("postal_address"),
                        rs.getString("contact_email"),
                        (Integer) rs.getObject("email_cap"),
                        (Integer) rs.getObject("sms_cap"),
                        (Integer) rs.getObject("push_cap")))
                .optional();
    }

    void saveProfile(TenantId tenant, SenderProfile profile, Instant now) {
        jdbc.sql("""
                        INSERT INTO sender_profile (tenant_id, legal_name, postal_address, contact_email, email_cap,
                                                    sms_cap, push_cap, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET legal_name = excluded.legal_name,
                            postal_address = excluded.postal_address, contact_email = excluded.contact_email,
                            email_cap = excluded.email_cap, sms_cap = excluded.sms_cap, push_cap = excluded.push_cap,
                            updated_at = excluded.updated_at""")
                .params(
                        tenant.value(),
                        profile.legalName(),
                        profile.postalAddress(),
                        profile.contactEmail(),
                        profile.emailCap(),
                        profile.smsCap(),
                        profile.pushCap(),
                        Timestamp.from(now))
                .update();
    }

    private static Sender sender(ResultSet rs) throws SQLException {
        var verified = rs.getTimestamp("verified_at");
        return new Sender(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("address"),
                rs.getString("display_name"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                verified == null ? null : verified.toInstant());
    }
}
