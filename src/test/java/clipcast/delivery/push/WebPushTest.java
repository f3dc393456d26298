package clipcast.delivery.push;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import clipcast.delivery.SendOutcome;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transport against a real push service on a local port, which checks the VAPID token against the tenant's
 * public key and decrypts each message with the browser's own keys.
 */
@PushTest
class WebPushTest {

    static final PushMessage COFFEE = new PushMessage(
            "Free coffee ☕", "With any pastry, this Saturday", URI.create("https://bakery.example/c/AB12"), "coffee");

    static TestPushService pushService;

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    WebPush webPush;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startPushService() throws Exception {
        pushService = new TestPushService();
    }

    @AfterAll
    static void stopPushService() {
        pushService.close();
    }

    /** A tenant with one contact, seen through the API. */
    record Shop(TenantId tenant, HttpApi api, UUID contact, String vapidKey) {

        String subscribe(TestBrowser browser) {
            var endpoint = pushService.subscribe(browser, vapidKey);
            var reply = api.post(subscriptionsPath(), browser.subscription(endpoint));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            return endpoint;
        }

        String subscriptionsPath() {
            return "/api/v1/contacts/" + contact + "/push-subscriptions";
        }

        int subscriptionCount() {
            return api.get(subscriptionsPath()).json().get("items").size();
        }
    }

    Shop aShop() {
        var created = tenants.create("Push bakery");
        var api = new HttpApi(port, created.apiKey());
        var contact = api.post("/api/v1/contacts", json("email", "fan-" + UUID.randomUUID() + "@example.org"));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        var vapidKey =
                api.get("/api/v1/push/vapid-public-key").json().get("publicKey").asString();
        return new Shop(
                created.tenant().id(),
                api,
                UUID.fromString(contact.json().get("id").asString()),
                vapidKey);
    }

    @Test
    void a_message_reaches_the_browser_encrypted_for_it_and_signed_with_the_tenants_vapid_key() {
        var shop = aShop();
        var browser = TestBrowser.create();
        var endpoint = shop.subscribe(browser);

        var outcome = webPush.send(shop.tenant(), shop.contact(), COFFEE);

        assertThat(pushService.turned(endpoint)).isEmpty();
        var received = pushService.received(endpoint);
        assertThat(received).hasSize(1);
        var message = received.getFirst();
        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Accepted) outcome).reference()).startsWith(pushService.origin() + "/message/");
        var payload = JsonMapper.builder().build().readTree(message.plaintext());
        assertThat(payload.get("title").asString()).isEqualTo("Free coffee ☕");
        assertThat(payload.get("body").asString()).isEqualTo("With any pastry, this Saturday");
        assertThat(payload.get("url").asString()).isEqualTo("https://bakery.example/c/AB12");
        assertThat(payload.get("tag").asString()).isEqualTo("coffee");
        assertThat(message.claims().get("aud").asString()).isEqualTo(pushService.origin());
        assertThat(message.claims().get("sub").asString()).isEqualTo("mailto:push-test@clipcast.example");
        assertThat(message.claims().get("exp").asLong())
                .isCloseTo(Instant.now().plus(Duration.ofHours(12)).getEpochSecond(), within(60L));
        assertThat(message.header("TTL")).isEqualTo("86400");
        assertThat(message.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(message.header("Urgency")).isNull();
    }

    @Test
    void every_subscription_of_the_contact_gets_the_message_with_the_ttl_and_urgency_asked_for() {
        var shop = aShop();
        var phone = shop.subscribe(TestBrowser.create());
        var laptop = shop.subscribe(TestBrowser.create());

        var delivery = webPush.deliver(
                shop.tenant(),
                shop.contact(),
                COFFEE,
                new PushOptions(Duration.ofMinutes(5), PushOptions.Urgency.HIGH));

        assertThat(delivery.outcome()).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(delivery.accepted()).isEqualTo(2);
        for (var endpoint : new String[] {phone, laptop}) {
            var received = pushService.received(endpoint);
            assertThat(received).hasSize(1);
            assertThat(received.getFirst().header("TTL")).isEqualTo("300");
            assertThat(received.getFirst().header("Urgency")).isEqualTo("high");
        }
    }

    @Test
    void a_subscription_the_push_service_says_is_gone_is_deleted_and_with_none_left_the_message_is_refused() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());
        pushService.answer(endpoint, 410, Map.of());

        var delivery = webPush.deliver(shop.tenant(), shop.contact(), COFFEE, PushOptions.DEFAULT);

        assertThat(delivery.outcome()).isEqualTo(refused("NO_SUBSCRIPTION"));
        assertThat(delivery.gone()).isEqualTo(1);
        assertThat(shop.subscriptionCount()).isZero();
        assertThat(webPush.send(shop.tenant(), shop.contact(), COFFEE)).isEqualTo(refused("NO_SUBSCRIPTION"));
        assertThat(pushService.requests(endpoint)).isEqualTo(1);
    }

    @Test
    void one_gone_subscription_does_not_stop_the_others() {
        var shop = aShop();
        var oldPhone = shop.subscribe(TestBrowser.create());
        var newPhone = shop.subscribe(TestBrowser.create());
        pushService.answer(oldPhone, 404, Map.of());

        var delivery = webPush.deliver(shop.tenant(), shop.contact(), COFFEE, PushOptions.DEFAULT);

        assertThat(delivery.outcome()).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(delivery.accepted()).isEqualTo(1);
        assertThat(delivery.gone()).isEqualTo(1);
        assertThat(pushService.received(newPhone)).hasSize(1);
        assertThat(shop.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void a_throttled_push_service_means_retry_later_after_its_retry_after_and_the_subscription_stays() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());
        pushService.answer(endpoint, 429, Map.of("Retry-After", "120"));

        var delivery = webPush.deliver(shop.tenant(), shop.contact(), COFFEE, PushOptions.DEFAULT);

        assertThat(delivery.outcome()).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) delivery.outcome()).code()).isEqualTo("429");
        assertThat(delivery.retryNotBefore()).isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
        assertThat(shop.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void a_push_service_in_trouble_or_out_of_reach_means_retry_later() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());
        pushService.answer(endpoint, 503, Map.of());

        assertThat(webPush.send(shop.tenant(), shop.contact(), COFFEE)).isInstanceOf(SendOutcome.RetryLater.class);

        var unreachable = aShop();
        var browser = TestBrowser.create();
        var reply = unreachable
                .api()
                .post(unreachable.subscriptionsPath(), browser.subscription("http://127.0.0.1:9/push/nobody"));
        assertThat(reply.status()).isEqualTo(201);
        var outcome = webPush.send(unreachable.tenant(), unreachable.contact(), COFFEE);
        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).code()).isEqualTo("CONNECTION");
    }

    @Test
    void a_bad_request_or_too_large_answer_is_a_refusal() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());

        pushService.answer(endpoint, 400, Map.of());
        assertThat(webPush.send(shop.tenant(), shop.contact(), COFFEE)).isInstanceOf(SendOutcome.Refused.class);
        pushService.answer(endpoint, 413, Map.of());
        var outcome = webPush.send(shop.tenant(), shop.contact(), COFFEE);

        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(((SendOutcome.Refused) outcome).code()).isEqualTo("413");
        assertThat(shop.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void a_subscription_made_with_another_tenants_key_is_refused_by_the_push_service() {
        var shop = aShop();
        var otherShop = aShop();
        var browser = TestBrowser.create();
        var endpoint = pushService.subscribe(browser, otherShop.vapidKey());
        shop.api().post(shop.subscriptionsPath(), browser.subscription(endpoint));

        var outcome = webPush.send(shop.tenant(), shop.contact(), COFFEE);

        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(((SendOutcome.Refused) outcome).code()).isEqualTo("403");
        assertThat(pushService.turned(endpoint).getFirst().reason()).contains("not the key");
    }

    @Test
    void a_contact_without_subscriptions_or_of_another_tenant_gets_nothing() {
        var shop = aShop();
        var stranger = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());

        assertThat(webPush.send(stranger.tenant(), stranger.contact(), COFFEE)).isEqualTo(refused("NO_SUBSCRIPTION"));
        assertThat(webPush.send(stranger.tenant(), shop.contact(), COFFEE)).isEqualTo(refused("NO_SUBSCRIPTION"));
        assertThat(pushService.requests(endpoint)).isZero();
        assertThat(shop.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void an_erased_contact_gets_nothing_and_its_subscriptions_are_forgotten() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());
        assertThat(shop.api()
                        .post("/api/v1/contacts/" + shop.contact() + "/erasure", "{}")
                        .status())
                .isLessThan(300);

        assertThat(webPush.send(shop.tenant(), shop.contact(), COFFEE)).isEqualTo(refused("NO_SUBSCRIPTION"));
        assertThat(pushService.requests(endpoint)).isZero();
        var left = TenantScope.call(
                shop.tenant(),
                () -> jdbc.sql("SELECT count(*) FROM push_subscription WHERE tenant_id = ? AND contact_id = ?")
                        .params(shop.tenant().value(), shop.contact())
                        .query(Long.class)
                        .single());
        assertThat(left).isZero();
    }

    @Test
    void a_message_too_large_for_one_push_record_is_refused_before_anything_is_sent() {
        var shop = aShop();
        var endpoint = shop.subscribe(TestBrowser.create());
        var huge = new PushMessage("Too much", "x".repeat(4000), null);

        var outcome = webPush.send(shop.tenant(), shop.contact(), huge);

        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(((SendOutcome.Refused) outcome).code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(pushService.requests(endpoint)).isZero();
    }

    static SendOutcome.Refused refused(String code) {
        return new SendOutcome.Refused(code, "The contact has no push subscription");
    }
}
