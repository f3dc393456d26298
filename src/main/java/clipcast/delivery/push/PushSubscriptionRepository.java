package clipcast.delivery.push;

import clipcast.delivery.push.domain.SubscriberKeys;
import clipcast.tenancy.TenantId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PushSubscriptionRepository {

    private static final String COLUMNS = "id, contact_id, endpoint, p256dh, auth, expires_at, created_at, updated_at";

    private final JdbcClient jdbc;

    PushSubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Saved(PushSubscription subscription, boolean created) {}

    /**
     * Stores a subscription for a contact. An endpoint the tenant holds already gets the new keys and expiry, and
     * moves to this contact if another had it; {@code created} says whether this contact did not have it before.
     */
    Saved save(
            TenantId tenant,
            UUID id,
            UUID contactId,
            URI endpoint,
            SubscriberKeys keys,
            Instant expiresAt,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO push_subscription
                            (tenant_id, id, contact_id, endpoint, p256dh, auth, expires_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, endpoint) DO UPDATE
                            SET contact_id = excluded.contact_id, p256dh = excluded.p256dh, auth = excluded.auth,
                                expires_at = excluded.expires_at, updated_at = excluded.updated_at
                        RETURNING new.id, new.contact_id, new.endpoint, new.p256dh, new.auth, new.expires_at,
                            new.created_at, new.updated_at,
                            old.id IS NULL OR old.contact_id <> new.contact_id AS created""")
                .params(
                        tenant.value(),
                        id,
                        contactId,
                        endpoint.toString(),
                        keys.p256dh(),
                        keys.authSecret(),
                        expiresAt == null ? null : Timestamp.from(expiresAt),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .query((rs, row) -> new Saved(map(rs, row), rs.getBoolean("created")))
                .single();
    }

    List<PushSubscription> ofContact(TenantId tenant, UUID contactId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM push_subscription WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at, id")
                .params(tenant.value(), contactId)
                .query(this::map)
                .list();
    }

    boolean delete(TenantId tenant, UUID contactId, UUID id) {
        return jdbc.sql("DELETE FROM push_subscription WHERE tenant_id = ? AND contact_id = ? AND id = ?")
                        .params(tenant.value(), contactId, id)
                        .update()
                > 0;
    }

    void deleteAll(TenantId tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM push_subscription WHERE tenant_id = ? AND id = ANY (?::uuid[])")
                .params(tenant.value(), ids.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    void deleteAllOfContact(TenantId tenant, UUID contactId) {
        jdbc.sql("DELETE FROM push_subscription WHERE tenant_id = ? AND contact_id = ?")
                .params(tenant.value(), contactId)
                .update();
    }

    private PushSubscription map(ResultSet rs, int row) throws SQLException {
        var expires = rs.getTimestamp("expires_at");
        return new PushSubscription(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                URI.create(rs.getString("endpoint")),
                SubscriberKeys.of(rs.getBytes("p256dh"), rs.getBytes("auth")),
                expires == null ? null : expires.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
