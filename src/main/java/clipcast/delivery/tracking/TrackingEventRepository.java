package clipcast.delivery.tracking;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes buffered tracking events to {@code delivery_event}: one statement per batch, any mix of tenants. */
@Repository
class TrackingEventRepository {

    private final JdbcClient jdbc;

    TrackingEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the events in one multi-row statement; needs the platform scope when they span tenants. */
    int insert(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        var tenants = new UUID[n];
        var messages = new UUID[n];
        var campaigns = new UUID[n];
        var kinds = new String[n];
        var details = new String[n];
        var times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            var event = events.get(i);
            tenants[i] = event.tenantId();
            messages[i] = event.messageId();
            campaigns[i] = event.campaignId();
            kinds[i] = event.kind();
            details[i] = event.detail();
            times[i] = Timestamp.from(event.occurredAt());
        }
        return jdbc.sql("""
                        INSERT INTO delivery_event (tenant_id, message_id, campaign_id, kind, detail, occurred_at)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[])""")
                .params(tenants, messages, campaigns, kinds, details, times)
                .update();
    }
}
