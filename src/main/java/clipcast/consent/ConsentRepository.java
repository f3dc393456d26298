package clipcast.consent;

import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConsentRepository {

    private static final String COLUMNS = """
            id, contact_id, channel, purpose, status, method, evidence_text, text_version, source_url,
            source_description, ip, user_agent, collected_at, confirmed_at, import_id, import_file_sha256, import_row,
            recorded_at""";

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewEntry(
            UUID id,
            UUID contactId,
            Channel channel,
            String purpose,
            ConsentStatus status,
            ConsentMethod method,
            Evidence evidence,
            Instant confirmedAt) {}

    ConsentEntry append(TenantId tenant, NewEntry entry) {
        var evidence = entry.evidence();
        return jdbc.sql("""
                        INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                            evidence_text, text_version, source_url, ip, user_agent, collected_at, confirmed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING %s""".formatted(COLUMNS))
                .params(
                        tenant.value(),
                        entry.contactId(),
                        entry.id(),
                        entry.channel().name(),
                        entry.purpose(),
                        entry.status().name(),
                        entry.method().name(),
                        evidence.text() == null ? "" : evidence.text(),
                        evidence.textVersion(),
                        evidence.sourceUrl(),
                        evidence.ip(),
                        evidence.userAgent(),
                        Timestamp.from(evidence.collectedAt()),
                        entry.confirmedAt() == null ? null : Timestamp.from(entry.confirmedAt()))
                .query(ConsentRepository::map)
                .single();
    }

    /** Which of these contacts' latest entry for the channel and purpose is a grant: one query. */
    java.util.Set<UUID> grantedAmong(
            TenantId tenant, Channel channel, String purpose, java.util.Collection<UUID> contacts) {
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT contact_id FROM (
                            SELECT DISTINCT ON (contact_id) contact_id, status FROM consent_record
                            WHERE tenant_id = ? AND contact_id = ANY(?) AND channel = ? AND purpose = ?
                            ORDER BY contact_id, seq DESC) latest
                        WHERE status = 'GRANTED'""")
                .params(tenant.value(), contacts.toArray(UUID[]::new), channel.name(), purpose)
                .query(UUID.class)
                .list());
    }

    /** The latest entry per contact for the channel and purpose, when it is a grant: one query for a batch. */
    List<ConsentEntry> currentGrants(
            TenantId tenant, Channel channel, String purpose, java.util.Collection<UUID> contacts) {
        return jdbc.sql("SELECT * FROM (SELECT DISTINCT ON (contact_id) " + COLUMNS
                        + " FROM consent_entry WHERE tenant_id = ? AND contact_id = ANY(?) AND channel = ?"
                        + " AND purpose = ? ORDER BY contact_id, seq DESC) latest WHERE status = 'GRANTED'")
                .params(tenant.value(), contacts.toArray(UUID[]::new), channel.name(), purpose)
                .query(ConsentRepository::map)
                .list();
    }

    List<ConsentEntry> history(TenantId tenant, UUID contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_entry WHERE tenant_id = ? AND contact_id = ? ORDER BY seq")
                .params(tenant.value(), contactId)
                .query(ConsentRepository::map)
                .list();
    }

    List<ConsentEntry> historyOfImport(TenantId tenant, UUID importId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM consent_entry WHERE tenant_id = ? AND import_id = ? ORDER BY import_row, seq")
                .params(tenant.value(), importId)
                .query(ConsentRepository::map)
                .list();
    }

    int appendImported(TenantId tenant, ImportEvidence evidence, String stage) {
        return insertImported(tenant, evidence, """
                SELECT DISTINCT ON (s.contact_id) s.contact_id, s.consent_id, s.row_number FROM %s s
                WHERE s.contact_id IS NOT NULL AND s.error_code IS NULL
                ORDER BY s.contact_id, s.row_number""".formatted(stage));
    }

    int appendImportedForNewContacts(TenantId tenant, ImportEvidence evidence, String stage, String newContact) {
        return insertImported(tenant, evidence, """
                SELECT s.contact_id, s.consent_id, s.row_number FROM %s s
                WHERE s.%s AND s.contact_id IS NOT NULL AND s.error_code IS NULL""".formatted(stage, newContact));
    }

    /**
     * One grant for each row {@code (contact_id, consent_id, row_number)} of a query. The evidence that all of an
     * import's entries share (text, source, file hash) is written once, in {@code consent_import_evidence}, where
     * {@code consent_entry} finds it for each entry: an import's entries are half as wide.
     */
    private int insertImported(TenantId tenant, ImportEvidence evidence, String rows) {
        // An import records its entries in several statements (chunk by chunk); its evidence is the same each time.
        insertEvidence(tenant, evidence);
        return jdbc.sql("""
                        INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                            collected_at, import_id, import_row)
                        SELECT ?, r.contact_id, r.consent_id, ?, ?, 'GRANTED', ?, ?, ?, r.row_number
                        FROM (%s) r""".formatted(rows))
                .params(
                        tenant.value(),
                        evidence.channel().name(),
                        evidence.purpose(),
                        evidence.method().name(),
                        Timestamp.from(evidence.collectedAt()),
                        evidence.importId())
                .update();
    }

    /** The evidence an import's entries share, once per import. */
    void insertEvidence(TenantId tenant, ImportEvidence evidence) {
        jdbc.sql("""
                        INSERT INTO consent_import_evidence (tenant_id, import_id, evidence_text, source_description,
                            import_file_sha256)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, import_id) DO NOTHING""")
                .params(
                        tenant.value(),
                        evidence.importId(),
                        evidence.consentText(),
                        evidence.sourceDescription(),
                        evidence.fileSha256())
                .update();
    }

    /** Marks the staged rows whose contact withdrew this channel and purpose: an import does not overrule that. */
    int rejectWithdrawn(TenantId tenant, Channel channel, String purpose, String stage) {
        return jdbc.sql("""
                        UPDATE %s s SET error_field = 'consent', error_code = 'CONSENT_WITHDRAWN'
                        FROM (SELECT DISTINCT ON (r.contact_id) r.contact_id, r.status FROM consent_record r
                              WHERE r.tenant_id = ? AND r.channel = ? AND r.purpose = ?
                              ORDER BY r.contact_id, r.seq DESC) latest
                        WHERE latest.contact_id = s.contact_id AND latest.status = 'WITHDRAWN'
                          AND s.error_code IS NULL""".formatted(stage))
                .params(tenant.value(), channel.name(), purpose)
                .update();
    }

    void erase(TenantId tenant, UUID contactId) {
        jdbc.sql("SELECT set_config('clipcast.erasure', 'on', true)").query().singleValue();
        jdbc.sql("DELETE FROM consent_record WHERE tenant_id = ? AND contact_id = ?")
                .params(tenant.value(), contactId)
                .update();
        jdbc.sql("SELECT set_config('clipcast.erasure', 'off', true)").query().singleValue();
    }

    private static ConsentEntry map(ResultSet rs, int row) throws SQLException {
        var confirmed = rs.getTimestamp("confirmed_at");
        var importRow = rs.getObject("import_row");
        var description = rs.getString("source_description");
        var sourceUrl = rs.getString("source_url");
        return new ConsentEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("purpose"),
                ConsentStatus.valueOf(rs.getString("status")),
                ConsentMethod.valueOf(rs.getString("method")),
                new Evidence(
                        rs.getString("evidence_text"),
                        rs.getString("text_version"),
                        sourceUrl != null ? sourceUrl : description,
                        rs.getString("ip"),
                        rs.getString("user_agent"),
                        rs.getTimestamp("collected_at").toInstant()),
                confirmed == null ? null : confirmed.toInstant(),
                rs.getObject("import_id", UUID.class),
                rs.getString("import_file_sha256"),
                importRow == null ? null : ((Number) importRow).longValue(),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
