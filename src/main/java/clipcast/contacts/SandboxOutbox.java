package clipcast.contacts;

import clipcast.tenancy.TenantScope;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the sandbox transport recorded instead of sending: the newest messages of the current tenant. */
@Repository
class SandboxOutbox {

    static final int SHOWN = 100;

    record Message(Instant createdAt, String channel, String recipient, String subject, String body) {}

    private final JdbcClient jdbc;

    SandboxOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Message> newest() {
        return jdbc.sql("""
                        SELECT created_at, channel, recipient, subject, body FROM sandbox_message
                        WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(TenantScope.requireTenant().value(), SHOWN)
                .query((rs, row) -> new Message(
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body")))
                .list();
    }
}
