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
