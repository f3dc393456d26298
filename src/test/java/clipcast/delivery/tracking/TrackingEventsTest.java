package clipcast.delivery.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The buffer between requests and {@code delivery_event}, as fresh instances (the application's own keeps running
 * for the other tests) writing through the real repository to the real database.
 */
@ClipcastTest
class TrackingEventsTest {

    @Autowired
    TrackingEventRepository repository;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TenantId tenant;
    UUID campaign;

    @BeforeEach
    void aTenant() {
        tenant = tenants.create("Tracking Buffer").tenant().id();
        campaign = UUID.randomUUID();
    }

    @Test
    void stopping_writes_everything_still_buffered() {
        var events = buffer(new TrackingProperties(1000, Duration.ofHours(1), 3, Duration.ofSeconds(10)));
        events.start();
        for (int i = 0; i < 10; i++) {
            assertThat(events.record(open(UUID.randomUUID()))).isTrue();
        }

        events.stop();

        assertThat(events.isRunning()).isFalse();
        assertThat(events.pending()).isZero();
        assertThat(rows()).isEqualTo(10);
        assertThat(count("buffered")).isEqualTo(10);
        assertThat(count("flushed")).isEqualTo(10);
    }

    @Test
    void a_full_buffer_drops_new_events_and_counts_them_instead_of_waiting() {
        var events = buffer(new TrackingProperties(2, Duration.ofHours(1), 100, Duration.ofSeconds(10)));

        assertThat(events.record(open(UUID.randomUUID()))).isTrue();
        assertThat(events.record(open(UUID.randomUUID()))).isTrue();
        assertThat(events.record(open(UUID.randomUUID()))).isFalse();

        assertThat(count("dropped")).isEqualTo(1);
        assertThat(events.flush()).isEqualTo(2);
        assertThat(events.record(open(UUID.randomUUID()))).isTrue();
        assertThat(meters.get("clipcast.tracking.buffer").gauge().value()).isEqualTo(1);
    }

    @Test
    void a_repeat_within_the_window_is_not_buffered_but_a_repeat_later_is() {
        var events = buffer(new TrackingProperties(100, Duration.ofHours(1), 100, Duration.ofSeconds(10)));
        var message = UUID.randomUUID();
        var at = Instant.parse("2026-05-01T10:00:01Z");

        assertThat(events.record(event("OPEN", message, null, at))).isTrue();
        assertThat(events.record(event("OPEN", message, null, at.plusSeconds(1))))
                .isFalse();
        assertThat(events.record(event("CLICK", message, "https://a.example/", at)))
                .isTrue();
        assertThat(events.record(event("CLICK", message, "https://b.example/", at)))
                .isTrue();
        assertThat(events.record(event("OPEN", message, null, at.plusSeconds(30))))
                .isTrue();

        assertThat(count("repeated")).isEqualTo(1);
        assertThat(events.flush()).isEqualTo(4);
    }

    @Test
    void with_no_repeat_window_every_repeat_is_recorded() {
        var events = buffer(new TrackingProperties(100, Duration.ofHours(1), 100, Duration.ZERO));
        var event = open(UUID.randomUUID());

        assertThat(events.record(event)).isTrue();
        assertThat(events.record(event)).isTrue();
    }

    @Test
    void a_flush_writes_more_than_one_batch_in_one_go() {
        var events = buffer(new TrackingProperties(1000, Duration.ofHours(1), 7, Duration.ofSeconds(10)));
        for (int i = 0; i < 50; i++) {
            events.record(open(UUID.randomUUID()));
        }

        assertThat(events.flush()).isEqualTo(50);
        assertThat(rows()).isEqualTo(50);
    }

    private TrackingEvents buffer(TrackingProperties properties) {
        return new TrackingEvents(repository, properties, meters);
    }

    private TrackingEvent open(UUID message) {
        return event("OPEN", message, null, Instant.now());
    }

    private TrackingEvent event(String kind, UUID message, String detail, Instant at) {
        return new TrackingEvent(kind, tenant.value(), message, campaign, detail, at);
    }

    private double count(String outcome) {
        return meters.get("clipcast.tracking.events")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private long rows() {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT count(*) FROM delivery_event WHERE tenant_id = ? AND campaign_id = ?")
                        .params(tenant.value(), campaign)
                        .query(Long.class)
                        .single());
    }
}
