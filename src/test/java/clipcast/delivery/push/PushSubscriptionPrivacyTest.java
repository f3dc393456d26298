package clipcast.delivery.push;

import static clipcast.delivery.push.PushSubscriptionApiTest.createContact;
import static clipcast.delivery.push.PushSubscriptionApiTest.subscriptions;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A contact's push subscriptions are personal data: in the contact's export, and gone the moment it is erased. */
@PushTest
class PushSubscriptionPrivacyTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    record Shop(TenantId tenant, HttpApi api) {}

    Shop shop() {
        var created = tenants.create("Push privacy");
        return new Shop(created.tenant().id(), new HttpApi(port, created.apiKey()));
    }

    long storedSubscriptions(Shop shop, String contactId) {
        return TenantScope.call(
                shop.tenant(),
                () -> jdbc.sql("SELECT count(*) FROM push_subscription WHERE tenant_id = ? AND contact_id = ?")
                        .params(shop.tenant().value(), UUID.fromString(contactId))
                        .query(Long.class)
                        .single());
    }

    @Test
    void a_contacts_export_lists_its_push_subscriptions_with_endpoint_and_creation_time_but_not_their_keys() {
        var shop = shop();
        var contact = createContact(shop.api());
        var phone = TestBrowser.create();
        var laptop = TestBrowser.create();
        assertThat(shop.api()
                        .post(subscriptions(contact), phone.subscription("https://push.example.net/send/phone-1"))
                        .status())
                .isEqualTo(201);
        assertThat(shop.api()
                        .post(subscriptions(contact), laptop.subscription("https://push.example.net/send/laptop-1"))
                        .status())
                .isEqualTo(201);

        var export = shop.api().get("/api/v1/contacts/" + contact + "/export");

        assertThat(export.status()).isEqualTo(200);
        var exported = export.json().get("pushSubscriptions");
        assertThat(exported).hasSize(2);
        assertThat(exported.get(0).get("endpoint").asString()).isEqualTo("https://push.example.net/send/phone-1");
        assertThat(exported.get(1).get("endpoint").asString()).isEqualTo("https://push.example.net/send/laptop-1");
        assertThat(exported.get(0).get("createdAt").asString()).isNotBlank();
        assertThat(exported.get(0).has("keys")).isFalse();
        assertThat(export.body())
                .doesNotContain(phone.auth(), phone.p256dh())
                .doesNotContain(laptop.auth(), laptop.p256dh());
    }

    @Test
    void erasing_a_contact_deletes_its_push_subscriptions_at_once_and_no_one_elses() {
        var shop = shop();
        var erased = createContact(shop.api());
        var kept = createContact(shop.api());
        shop.api().post(subscriptions(erased), TestBrowser.create().subscription("https://push.example.net/send/e-1"));
        shop.api().post(subscriptions(erased), TestBrowser.create().subscription("https://push.example.net/send/e-2"));
        shop.api().post(subscriptions(kept), TestBrowser.create().subscription("https://push.example.net/send/k-1"));
        assertThat(storedSubscriptions(shop, erased)).isEqualTo(2);

        var erasure = shop.api().post("/api/v1/contacts/" + erased + "/erasure", java.util.Map.of());

        assertThat(erasure.status()).as(erasure.body()).isEqualTo(200);
        assertThat(storedSubscriptions(shop, erased))
                .as("deleted by the erasure itself, not at the next push send")
                .isZero();
        assertThat(storedSubscriptions(shop, kept)).isEqualTo(1);
    }
}
