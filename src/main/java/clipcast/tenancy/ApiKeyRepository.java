package clipcast.tenancy;

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
class ApiKeyRepository {

    private static final String COLUMNS = "id, name, scope, key_prefix, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(TenantId tenant, UUID id, String name, ApiKeyScope scope, byte[] hash, String prefix) {
        return jdbc.sql("""
                        INSERT INTO api_key (tenant_id, id, name, scope, key_hash, key_prefix)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING %s""".formatted(COLUMNS))
                .params(tenant.value(), id, name, scope.name(), hash, prefix)
                .query(ApiKeyRepository::map)
                .single();
    }

    List<ApiKey> findAll(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value())
                .query(ApiKeyRepository::map)
                .list();
    }

    Optional<ApiKey> findById(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(ApiKeyRepository::map)
                .optional();
    }

    boolean revoke(TenantId tenant, UUID id, Instant at) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL")
                        .params(Timestamp.from(at), tenant.value(), id)
                        .update()
                > 0;
    }

    Optional<ApiPrincipal> findActivePrincipal(TenantId tenant, byte[] hash) {
        return jdbc.sql("""
                        SELECT k.id, k.scope FROM api_key k JOIN tenant t ON t.id = k.tenant_id
                        WHERE k.tenant_id = ? AND k.key_hash = ? AND k.revoked_at IS NULL
                          AND t.status <> 'DEACTIVATED'""")
                .params(tenant.value(), hash)
                .query((rs, row) -> new ApiPrincipal(
                        tenant, rs.getObject("id", UUID.class), ApiKeyScope.valueOf(rs.getString("scope"))))
                .optional();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        var revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                ApiKeyScope.valueOf(rs.getString("scope")),
                rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
