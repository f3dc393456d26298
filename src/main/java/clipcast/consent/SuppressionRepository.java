package clipcast.consent;

import clipcast.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SuppressionRepository {

    private final JdbcClient jdbc;

    SuppressionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean addForTenant(TenantId tenant, Channel channel, byte[] hash, SuppressionReason reason, String country) {
        return jdbc.sql("""
                        INSERT INTO suppression (tenant_id, channel, address_hash, reason, country)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(tenant.value(), channel.name(), hash, reason.name(), country)
                        .update()
                > 0;
    }

    int addAllForTenant(
            TenantId tenant, Channel channel, List<String> hexHashes, SuppressionReason reason, String country) {
        return jdbc.sql("""
                        INSERT INTO suppression (tenant_id, channel, address_hash, reason, country)
                        SELECT ?, ?, decode(h, 'hex'), ?, ? FROM unnest(?::text[]) AS h
                        ON CONFLICT DO NOTHING""")
                .params(tenant.value(), channel.name(), reason.name(), country, hexHashes.toArray(String[]::new))
                .update();
    }

    boolean addForPlatform(Channel channel, byte[] hash, SuppressionReason reason) {
        return jdbc.sql("""
                        INSERT INTO platform_suppression (channel, address_hash, reason)
                        VALUES (?, ?, ?) ON CONFLICT DO NOTHING""").params(channel.name(), hash, reason.name()).update() > 0;
    }

    /** Lifts a tenant's own unsubscribe of an address (after the person opted in again); never a platform entry. */
    void liftUnsubscribe(TenantId tenant, Channel channel, byte[] hash) {
        jdbc.sql("""
                        DELETE FROM suppression WHERE tenant_id = ? AND channel = ? AND address_hash = ?
                          AND reason = 'UNSUBSCRIBE'""").params(tenant.value(), channel.name(), hash).update();
    }

    /** The reasons this address is suppressed for the tenant, platform entries included. */
    List<SuppressionReason> reasons(TenantId tenant, Channel channel, byte[] hash) {
        return jdbc.sql("""
                        SELECT reason FROM suppression WHERE tenant_id = ? AND channel = ? AND address_hash = ?
                        UNION ALL
                        SELECT reason FROM platform_suppression WHERE channel = ? AND address_hash = ?""")
                .params(tenant.value(), channel.name(), hash, channel.name(), hash)
                .query((rs, row) -> SuppressionReason.valueOf(rs.getString(1)))
                .list();
    }

    /** Which of these keyed hashes are suppressed for the tenant or the platform: one query for a whole batch. */
    List<byte[]> suppressedAmong(TenantId tenant, Channel channel, byte[][] hashes) {
        if (hashes.length == 0) {
            return new ArrayList<>();
        }
        return jdbc.sql("""
                        SELECT h FROM unnest(?::bytea[]) AS h
                        WHERE EXISTS (SELECT 1 FROM suppression s
                                      WHERE s.tenant_id = ? AND s.channel = ? AND s.address_hash = h)
                           OR EXISTS (SELECT 1 FROM platform_suppression p
                                      WHERE p.channel = ? AND p.address_hash = h)""")
                .params(hashes, tenant.value(), channel.name(), channel.name())
                .query(byte[].class)
                .list();
    }
}
