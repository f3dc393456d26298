package clipcast.delivery.push;

import clipcast.delivery.push.domain.VapidKeyPair;
import clipcast.tenancy.TenantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class VapidKeyRepository {

    private final JdbcClient jdbc;

    VapidKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<VapidKeyPair> find(TenantId tenant) {
        return jdbc.sql("SELECT public_key, private_key FROM push_vapid_key WHERE tenant_id = ?")
                .param(tenant.value())
                .query((rs, row) -> VapidKeyPair.of(rs.getBytes("public_key"), rs.getBytes("private_key")))
                .optional();
    }

    /** Stores the pair unless the tenant has one already (another node was quicker): the first one stays. */
    void insertIfAbsent(TenantId tenant, VapidKeyPair keys) {
        jdbc.sql("""
                        INSERT INTO push_vapid_key (tenant_id, public_key, private_key) VALUES (?, ?, ?)
                        ON CONFLICT (tenant_id) DO NOTHING""")
                .params(tenant.value(), keys.publicKeyBytes(), keys.privateKeyPkcs8())
                .update();
    }
}
