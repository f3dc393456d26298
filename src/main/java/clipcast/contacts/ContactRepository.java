package clipcast.contacts;

import clipcast.contacts.domain.NormalisedContact;
import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ContactRepository {

    private static final String COLUMNS = """
            c.id, c.email, c.phone, c.first_name, c.last_name, c.country, c.language, c.time_zone,
            c.time_zone_source, c.birth_date, c.attributes::text AS attributes, c.created_at, c.updated_at,
            ARRAY(SELECT l.list FROM contact_list l WHERE l.tenant_id = c.tenant_id AND l.contact_id = c.id
                  ORDER BY l.list) AS lists""";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(TenantId tenant, UUID id, NormalisedContact contact, Instant now) {
        jdbc.sql("""
                        INSERT INTO contact (tenant_id, id, email, phone, first_name, last_name, country, language,
                            time_zone, time_zone_source, birth_date, attributes, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(
                        tenant.value(),
                        id,
                        contact.email() == null ? null : contact.email().value(),
                        contact.phone() == null ? null : contact.phone().e164(),
                        contact.firstName(),
                        contact.lastName(),
                        contact.country(),
                        contact.language(),
                        contact.timeZone(),
                        contact.timeZoneSource() == null
                                ? null
                                : contact.timeZoneSource().name(),
                        contact.birthDate(),
                        json.writeValueAsString(contact.attributes()),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /** Fills in what the new data has, keeps what it does not; attributes are merged key by key. */
    void merge(TenantId tenant, UUID id, NormalisedContact contact, Instant now) {
        jdbc.sql("""
                        UPDATE contact SET
                            email = coalesce(?, email), phone = coalesce(?, phone),
                            first_name = coalesce(?, first_name), last_name = coalesce(?, last_name),
                            country = coalesce(?, country), language = coalesce(?, language),
                            time_zone = CASE WHEN ?::text IS NOT NULL AND (? = 'EXPLICIT' OR time_zone_source IS DISTINCT
                                             FROM 'EXPLICIT') THEN ? ELSE time_zone END,
                            time_zone_source = CASE WHEN ?::text IS NOT NULL AND (? = 'EXPLICIT' OR time_zone_source IS
                                             DISTINCT FROM 'EXPLICIT') THEN ? ELSE time_zone_source END,
                            birth_date = coalesce(?, birth_date),
                            attributes = attributes || ?::jsonb,
                            updated_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(
                        contact.email() == null ? null : contact.email().value(),
                        contact.phone() == null ? null : contact.phone().e164(),
                        contact.firstName(),
                        contact.lastName(),
                        contact.country(),
                        contact.language(),
                        contact.timeZone(),
                        source(contact),
                        contact.timeZone(),
                        contact.timeZone(),
                        source(contact),
                        source(contact),
                        contact.birthDate(),
                        json.writeValueAsString(contact.attributes()),
                        Timestamp.from(now),
                        tenant.value(),
                        id)
                .update();
    }

    private static String source(NormalisedContact contact) {
        return contact.timeZoneSource() == null
                ? null
                : contact.timeZoneSource().name();
    }

    void addLists(TenantId tenant, UUID id, List<String> lists) {
        if (lists.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO contact_list (tenant_id, contact_id, list)
                        SELECT ?, ?, unnest(?::text[]) ON CONFLICT DO NOTHING""").params(tenant.value(), id, lists.toArray(String[]::new)).update();
    }

    Optional<Contact> findById(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM contact c WHERE c.tenant_id = ? AND c.id = ? AND c.erased_at IS NULL")
                .params(tenant.value(), id)
                .query(this::map)
                .optional();
    }

    Optional<Contact> findByEmail(TenantId tenant, String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.tenant_id = ? AND c.email = ?")
                .params(tenant.value(), email)
                .query(this::map)
                .optional();
    }

    Optional<Contact> findByPhone(TenantId tenant, String phone) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.tenant_id = ? AND c.phone = ?")
                .params(tenant.value(), phone)
                .query(this::map)
                .optional();
    }

    List<Contact> page(TenantId tenant, UUID after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM contact c WHERE c.tenant_id = ? AND c.erased_at IS NULL AND c.id > ?
                        ORDER BY c.id LIMIT ?""")
                .params(tenant.value(), after, limit)
                .query(this::map)
                .list();
    }

    List<UUID> idsInList(TenantId tenant, String list, int limit) {
        return jdbc.sql(
                        "SELECT contact_id FROM contact_list WHERE tenant_id = ? AND list = ? ORDER BY contact_id LIMIT ?")
                .params(tenant.value(), list, limit)
                .query(UUID.class)
                .list();
    }

    List<UUID> idsWithPhone(TenantId tenant, String phone) {
        return jdbc.sql("SELECT id FROM contact WHERE tenant_id = ? AND phone = ? AND erased_at IS NULL")
                .params(tenant.value(), phone)
                .query(UUID.class)
                .list();
    }

    /** Removes every personal field; the row stays (without data) so the ledger's references stay whole. */
    void erase(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("DELETE FROM contact_list WHERE tenant_id = ? AND contact_id = ?")
                .params(tenant.value(), id)
                .update();
        jdbc.sql("""
                        UPDATE contact SET email = NULL, phone = NULL, first_name = NULL, last_name = NULL,
                            country = NULL, language = NULL, time_zone = NULL, time_zone_source = NULL,
                            birth_date = NULL, attributes = '{}'::jsonb, updated_at = ?, erased_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), tenant.value(), id)
                .update();
    }

    private Contact map(ResultSet rs, int row) throws SQLException {
        var birth = rs.getDate("birth_date");
        var lists = (String[]) rs.getArray("lists").getArray();
        return new Contact(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("country"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("time_zone_source"),
                birth == null ? null : birth.toLocalDate(),
                json.readValue(rs.getString("attributes"), MAP),
                List.of(lists),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
