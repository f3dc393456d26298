package clipcast.tenancy;

import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InteractionCountRepository {

    private final JdbcClient jdbc;

    InteractionCountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(TenantId tenant, LocalDate month, Interaction kind, long count) {
        jdbc.sql("INSERT INTO interaction_count AS c (tenant_id, month, kind, count) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, month, kind) DO UPDATE SET count = c.count + excluded.count")
                .params(tenant.value(), month, kind.name(), count)
                .update();
    }

    long total(TenantId tenant, LocalDate month) {
        return jdbc.sql("SELECT coalesce(sum(count), 0) FROM interaction_count WHERE tenant_id = ? AND month = ?")
                .params(tenant.value(), month)
                .query(Long.class)
                .single();
    }
}
