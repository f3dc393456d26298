package clipcast.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    private static final String COLUMNS = "id, slug, name, plan, status, message_credits, created_at";

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Tenant insert(TenantId id, String slug, String name, Plan plan) {
        return jdbc.sql("INSERT INTO tenant (id, slug, name, plan) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(id.value(), slug, name, plan.name())
                .query(TenantRepository::map)
                .single();
    }

    Optional<Tenant> findById(TenantId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ?")
                .param(id.value())
                .query(TenantRepository::map)
                .optional();
    }

    Optional<Tenant> findBySlug(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE slug = ?")
                .param(slug)
                .query(TenantRepository::map)
                .optional();
    }

    /** Takes up to {@code wanted} credits in one statement (the row lock serialises nodes); returns the number taken. */
    long takeCredits(TenantId id, long wanted) {
        return jdbc.sql("""
                        UPDATE tenant SET message_credits = message_credits - least(message_credits, ?)
                        WHERE id = ? RETURNING old.message_credits - new.message_credits""")
                .params(wanted, id.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    void addCredits(TenantId id, long credits) {
        jdbc.sql("UPDATE tenant SET message_credits = message_credits + ? WHERE id = ?")
                .params(credits, id.value())
                .update();
    }

    boolean setStatus(TenantId id, TenantStatus status, String reason) {
        return jdbc.sql("UPDATE tenant SET status = ?, status_reason = ? WHERE id = ? AND status <> 'DEACTIVATED'")
                        .params(status.name(), reason, id.value())
                        .update()
                == 1;
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                new TenantId(rs.getObject("id", UUID.class)),
                rs.getString("slug"),
                rs.getString("name"),
                Plan.valueOf(rs.getString("plan")),
                TenantStatus.valueOf(rs.getString("status")),
                rs.getLong("message_credits"),
                rs.getTimestamp("created_at").toInstant());
    }
}
