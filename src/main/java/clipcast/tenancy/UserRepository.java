package clipcast.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, tenant_id, email, role, password_hash";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UserAccount insert(UUID id, TenantId tenant, String email, Role role, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO app_user (id, tenant_id, email, role, password_hash)
                        VALUES (?, ?, ?, ?, ?) RETURNING %s""".formatted(COLUMNS))
                .params(id, tenant == null ? null : tenant.value(), email, role.name(), passwordHash)
                .query(UserRepository::map)
                .single();
    }

    Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE email = ?")
                .param(email)
                .query(UserRepository::map)
                .optional();
    }

    void updatePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        var tenant = rs.getObject("tenant_id", UUID.class);
        return new UserAccount(
                rs.getObject("id", UUID.class),
                tenant == null ? null : new TenantId(tenant),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getString("password_hash"));
    }
}
