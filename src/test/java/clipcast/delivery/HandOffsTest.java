package clipcast.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.consent.Channel;
import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-off markers committed in groups: many threads marking at once each get the answer for their own message,
 * and only messages still claimed by the marking node are marked.
 */
@ClipcastTest
class HandOffsTest {

    @Autowired
    HandOffs handOffs;

    @Autowired
    Outbox outbox;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrent_marks_each_get_their_own_answer_and_a_lost_claim_is_never_marked() throws Exception {
        var tenant = tenants.create("Hand-off Bakery").tenant().id();
        var campaign = UUID.randomUUID();
        var items = new ArrayList<OutboxItem>();
        for (int i = 0; i < 48; i++) {
            items.add(enqueue(tenant, campaign));
        }
        // Two in three still claimed by this node; the rest were taken back by another node or queued again.
        for (int i = 0; i < items.size(); i++) {
            var owner = i % 3 == 0 ? "node-b" : "node-a";
            var status = i % 6 == 3 ? "QUEUED" : "SENDING";
            var id = items.get(i).id();
            TenantScope.callAsPlatform(
                    () -> jdbc.sql("UPDATE outbox_message SET status = ?, claimed_by = ? WHERE id = ?")
                            .params(status, owner, id)
                            .update());
        }

        var answers = new ConcurrentHashMap<UUID, Boolean>();
        var start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(16)) {
            for (var item : items) {
                threads.submit(() -> {
                    start.await();
                    answers.put(item.id(), handOffs.mark(item, "node-a"));
                    return null;
                });
            }
            start.countDown();
        }

        assertThat(answers).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            boolean expected = i % 3 != 0 && i % 6 != 3;
            var id = items.get(i).id();
            assertThat(answers.get(id)).as("message %d", i).isEqualTo(expected);
            assertThat(handedAt(id) != null).as("message %d marked", i).isEqualTo(expected);
        }
        assertThat(Map.copyOf(answers).values().stream().filter(marked -> marked))
                .hasSize(32);
    }

    private OutboxItem enqueue(TenantId tenant, UUID campaign) {
        var contact = UUID.randomUUID();
        var address = contact + "@bakery.example";
        return TenantScope.call(tenant, () -> {
            outbox.enqueue(List.of(new OutboxEntry(
                    campaign,
                    contact,
                    Channel.EMAIL,
                    "marketing",
                    address,
                    "FR",
                    "Europe/Paris",
                    null,
                    1,
                    1,
                    true,
                    Instant.now())));
            var id = jdbc.sql("SELECT id FROM outbox_message WHERE campaign_id = ? AND contact_id = ?")
                    .params(campaign, contact)
                    .query(UUID.class)
                    .single();
            return new OutboxItem(
                    tenant, id, campaign, contact, Channel.EMAIL, "marketing", address, "FR", "Europe/Paris", null, 1);
        });
    }

    private Instant handedAt(UUID id) {
        return TenantScope.callAsPlatform(() -> jdbc.sql("SELECT handed_at FROM outbox_message WHERE id = ?")
                .param(id)
                .query(java.sql.Timestamp.class)
                .optional()
                .map(java.sql.Timestamp::toInstant)
                .orElse(null));
    }
}
