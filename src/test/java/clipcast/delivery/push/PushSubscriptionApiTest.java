package clipcast.delivery.push;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.push.domain.P256;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PushTest
class PushSubscriptionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    HttpApi newTenant() {
        return new HttpApi(port, tenants.create("Push API").apiKey());
    }

    static String createContact(HttpApi api) {
        var created =
                api.post("/api/v1/contacts", json("email", "push-" + java.util.UUID.randomUUID() + "@example.org"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    static String subscriptions(String contactId) {
        return "/api/v1/contacts/" + contactId + "/push-subscriptions";
    }

    static Map<String, String> fieldErrors(JsonNode problem) {
        var errors = new HashMap<String, String>();
        problem.get("errors")
                .forEach(error -> errors.put(
                        error.get("field").asString(), error.get("code").asString()));
        return errors;
    }

    @Test
    void the_vapid_public_key_is_an_uncompressed_p256_point_stable_per_tenant_and_different_between_tenants() {
        var api = newTenant();

        var first = api.get("/api/v1/push/vapid-public-key");
        var again = api.get("/api/v1/push/vapid-public-key");
        var other = newTenant().get("/api/v1/push/vapid-public-key");

        assertThat(first.status()).isEqualTo(200);
        var key = first.json().get("publicKey").asString();
        assertThat(P256.publicKey(Base64.getUrlDecoder().decode(key))).isPresent();
        assertThat(first.json().propertyNames()).containsExactly("publicKey");
        assertThat(again.json().get("publicKey").asString()).isEqualTo(key);
        assertThat(other.json().get("publicKey").asString()).isNotEqualTo(key);
    }

    @Test
    void a_browser_subscription_is_stored_listed_without_its_keys_refreshed_and_deleted() {
        var api = newTenant();
        var contact = createContact(api);
        var browser = TestBrowser.create();
        var subscription = browser.subscription("https://push.example.net/send/abc123");

        var created = api.post(subscriptions(contact), subscription);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo(subscriptions(contact) + "/" + id);
        assertThat(created.json().get("endpoint").asString()).isEqualTo("https://push.example.net/send/abc123");
        assertThat(created.body()).doesNotContain(browser.auth()).doesNotContain(browser.p256dh());

        var again = api.post(
                subscriptions(contact), TestBrowser.create().subscription("https://push.example.net/send/abc123"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(id);

        var listed = api.get(subscriptions(contact));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.json().get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.body()).doesNotContain(browser.auth());

        assertThat(api.delete(subscriptions(contact) + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(subscriptions(contact)).json().get("items")).isEmpty();
        assertThat(api.delete(subscriptions(contact) + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void bad_subscriptions_are_400_with_a_field_error_for_each_problem() {
        var api = newTenant();
        var contact = createContact(api);

        var reply = api.post(
                subscriptions(contact),
                json("endpoint", "ftp://push.example.net/x", "keys", json("p256dh", "BAAA", "auth", "not base64!")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        var problem = reply.json();
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(fieldErrors(problem))
                .containsEntry("endpoint", "INVALID_URL")
                .containsEntry("keys.p256dh", "WRONG_KEY_LENGTH")
                .containsEntry("keys.auth", "NOT_BASE64URL");
        problem.get("errors")
                .forEach(error -> assertThat(error.get("message").asString())
                        .isNotEqualTo(error.get("code").asString()));
        assertThat(api.get(subscriptions(contact)).json().get("items")).isEmpty();
    }

    @Test
    void a_key_that_is_not_on_the_curve_is_refused() {
        var api = newTenant();
        var contact = createContact(api);
        var browser = TestBrowser.create();
        var point = Base64.getUrlDecoder().decode(browser.p256dh());
        point[64] ^= 1;

        var reply = api.post(
                subscriptions(contact),
                json(
                        "endpoint",
                        "https://push.example.net/send/1",
                        "keys",
                        json(
                                "p256dh",
                                        Base64.getUrlEncoder().withoutPadding().encodeToString(point),
                                "auth", browser.auth())));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fieldErrors(reply.json())).containsExactly(Map.entry("keys.p256dh", "NOT_ON_CURVE"));
    }

    @Test
    void missing_keys_an_expired_subscription_and_unknown_fields_are_refused() {
        var api = newTenant();
        var contact = createContact(api);

        var noKeys = api.post(subscriptions(contact), json("endpoint", "https://push.example.net/send/2"));
        var expired = api.post(
                subscriptions(contact),
                json(
                        "endpoint",
                        "https://push.example.net/send/3",
                        "expirationTime",
                        1_000L,
                        "keys",
                        json(
                                "p256dh",
                                TestBrowser.create().p256dh(),
                                "auth",
                                TestBrowser.create().auth())));
        var unknown = api.post(subscriptions(contact), json("endpoint", "https://push.example.net/send/4", "extra", 1));
        var noBody = api.postRaw(subscriptions(contact), "application/json", "");

        assertThat(noKeys.status()).isEqualTo(400);
        assertThat(fieldErrors(noKeys.json()))
                .containsEntry("keys.p256dh", "REQUIRED")
                .containsEntry("keys.auth", "REQUIRED");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(fieldErrors(expired.json())).containsExactly(Map.entry("expirationTime", "EXPIRED"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");
        assertThat(noBody.status()).isEqualTo(400);
    }

    @Test
    void another_tenant_can_neither_list_nor_add_nor_delete_subscriptions_of_a_contact_it_does_not_own() {
        var owner = newTenant();
        var stranger = newTenant();
        var contact = createContact(owner);
        var created = owner.post(
                subscriptions(contact), TestBrowser.create().subscription("https://push.example.net/send/owner"));
        var id = created.json().get("id").asString();

        var listed = stranger.get(subscriptions(contact));
        var added = stranger.post(
                subscriptions(contact), TestBrowser.create().subscription("https://push.example.net/send/stranger"));
        var deleted = stranger.delete(subscriptions(contact) + "/" + id);

        assertThat(listed.status()).isEqualTo(404);
        assertThat(listed.json().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(added.status()).isEqualTo(404);
        assertThat(deleted.status()).isEqualTo(404);
        var ownersView = owner.get(subscriptions(contact)).json().get("items");
        assertThat(ownersView).hasSize(1);
        assertThat(ownersView.get(0).get("endpoint").asString()).isEqualTo("https://push.example.net/send/owner");
    }

    @Test
    void an_unknown_contact_is_404() {
        var api = newTenant();
        var unknown = subscriptions(java.util.UUID.randomUUID().toString());

        assertThat(api.get(unknown).status()).isEqualTo(404);
        assertThat(api.post(unknown, TestBrowser.create().subscription("https://push.example.net/send/5"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void the_push_api_needs_an_api_key() {
        var anonymous = new HttpApi(port, null);

        assertThat(anonymous.get("/api/v1/push/vapid-public-key").status()).isEqualTo(401);
    }

    @Test
    void the_openapi_document_lists_the_push_endpoints() {
        var paths = new HttpApi(port, null).get("/api/openapi.json").json().get("paths");

        assertThat(paths.has("/api/v1/push/vapid-public-key")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{contactId}/push-subscriptions")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{contactId}/push-subscriptions/{subscriptionId}"))
                .isTrue();
    }
}
