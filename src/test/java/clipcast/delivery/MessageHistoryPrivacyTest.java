package clipcast.delivery;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A contact's messages are personal data: its export lists them, and its erasure leaves no address or quoted address
 * in the outbox, the events or the sandbox, while the campaigns keep their counts.
 */
@ClipcastTest
class MessageHistoryPrivacyTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_export_lists_the_messages_and_the_erasure_strips_them_of_the_person() {
        var shop = tenants.create("History Bakery");
        var tenant = shop.tenant().id();
        var api = new HttpApi(port, shop.apiKey());
        var address = "dora-" + UUID.randomUUID() + "@example.org";
        var other = "olga-" + UUID.randomUUID() + "@example.org";
        var dora = contact(api, address);
        var olga = contact(api, other);
        var campaign = UUID.randomUUID();
        var sent = message(tenant, campaign, dora, address, "SENT", null);
        message(tenant, UUID.randomUUID(), dora, address, "FAILED", "550 5.1.1 <" + address + ">: no such user");
        message(tenant, UUID.randomUUID(), dora, address, "QUEUED", null);
        var olgas = message(tenant, campaign, olga, other, "SENT", null);
        TenantScope.run(tenant, () -> {
            jdbc.sql("""
                            INSERT INTO delivery_event (tenant_id, message_id, campaign_id, kind, detail, occurred_at)
                            VALUES (?, ?, ?, 'SOFT_BOUNCE', ?, now()), (?, ?, ?, 'OPEN', NULL, now())""")
                    .params(
                            tenant.value(),
                            sent,
                            campaign,
                            "452 4.2.2 <" + address + ">: mailbox full",
                            tenant.value(),
                            sent,
                            campaign)
                    .update();
            jdbc.sql("""
                            INSERT INTO sandbox_message (tenant_id, id, channel, recipient, subject, body, message_id)
                            VALUES (?, ?, 'EMAIL', ?, 'Croissants', 'Hello Dora', ?),
                                   (?, ?, 'EMAIL', ?, 'Confirm your subscription', 'Confirm', NULL),
                                   (?, ?, 'EMAIL', ?, 'Croissants', 'Hello Olga', ?)""")
                    .params(
                            tenant.value(),
                            UUID.randomUUID(),
                            address,
                            sent,
                            tenant.value(),
                            UUID.randomUUID(),
                            address,
                            tenant.value(),
                            UUID.randomUUID(),
                            other,
                            olgas)
                    .update();
        });

        var export = api.get("/api/v1/contacts/" + dora + "/export");
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        var messages = export.json().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("id").asString()).isEqualTo(sent.toString());
        assertThat(messages.get(0).get("address").asString()).isEqualTo(address);
        assertThat(messages.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(messages.get(0).get("sentAt").isNull()).isFalse();

        var erasure = api.post("/api/v1/contacts/" + dora + "/erasure", Map.of());
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(200);

        TenantScope.run(tenant, () -> {
            var text = String.join(
                    "\n",
                    jdbc.sql("SELECT concat_ws(' ', address, failure_reason) FROM outbox_message WHERE tenant_id = ?"
                                    + " AND contact_id = ?")
                            .params(tenant.value(), UUID.fromString(dora))
                            .query(String.class)
                            .list());
            assertThat(text).doesNotContain(address);
            assertThat(jdbc.sql("SELECT status || ' ' || coalesce(failure_code, '') FROM outbox_message"
                                    + " WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at, id")
                            .params(tenant.value(), UUID.fromString(dora))
                            .query(String.class)
                            .list())
                    .as("the campaigns keep their counts; what was not sent will not be")
                    .containsExactly("SENT ", "FAILED HARD_BOUNCE", "CANCELLED ERASED");
            assertThat(jdbc.sql("SELECT kind || ' ' || coalesce(detail, '-') FROM delivery_event"
                                    + " WHERE tenant_id = ? AND message_id = ? ORDER BY seq")
                            .params(tenant.value(), sent)
                            .query(String.class)
                            .list())
                    .containsExactly("SOFT_BOUNCE -", "OPEN -");
            assertThat(jdbc.sql("SELECT recipient FROM sandbox_message WHERE tenant_id = ?")
                            .param(tenant.value())
                            .query(String.class)
                            .list())
                    .containsExactly(other);
            assertThat(jdbc.sql("SELECT address FROM outbox_message WHERE tenant_id = ? AND id = ?")
                            .params(tenant.value(), olgas)
                            .query(String.class)
                            .single())
                    .isEqualTo(other);
        });
    }

    static String contact(HttpApi api, String email) {
        var created = api.post("/api/v1/contacts", json("email", email));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A message as a launch writes it and the outbox leaves it. */
    UUID message(TenantId tenant, UUID campaign, String contact, String address, String status, String reason) {
        var id = UUID.randomUUID();
        TenantScope.run(
                tenant,
                () -> jdbc.sql("""
                        INSERT INTO outbox_message (tenant_id, id, campaign_id, contact_id, channel, purpose, address,
                                                    fingerprint, simhash, status, not_before, created_at, sent_at,
                                                    failure_code, failure_reason)
                        VALUES (?, ?, ?, ?, 'EMAIL', 'marketing', ?, 0, 0, ?, now() + interval '1 day',
                                clock_timestamp(), CASE WHEN ? = 'SENT' THEN now() END,
                                CASE WHEN ? = 'FAILED' THEN 'HARD_BOUNCE' END, ?)""")
                        .params(
                                tenant.value(),
                                id,
                                campaign,
                                UUID.fromString(contact),
                                address,
                                status,
                                status,
                                status,
                                reason)
                        .update());
        return id;
    }
}
