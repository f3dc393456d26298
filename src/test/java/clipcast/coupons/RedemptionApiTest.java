package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.ApiKeyScope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class RedemptionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    CouponApi shop(String name) {
        return new CouponApi(new HttpApi(port, tenants.create(name).apiKey()));
    }

    @Test
    void issuing_twice_to_the_same_contact_returns_the_same_code() {
        var api = shop("Issue Shop");
        var offer = api.createOffer(anOffer());
        var contact = UUID.randomUUID();

        var first = api.http.post("/api/v1/offers/" + offer + "/issue", HttpApi.json("contactId", contact.toString()));
        var second = api.http.post("/api/v1/offers/" + offer + "/issue", HttpApi.json("contactId", contact.toString()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("code").asString())
                .isEqualTo(first.json().get("code").asString());
        assertThat(first.json().get("url").asString()).contains("/c/");
        assertThat(api.issue(offer, UUID.randomUUID()))
                .isNotEqualTo(first.json().get("code").asString());
    }

    @Test
    void issuing_takes_pregenerated_codes_first() {
        var api = shop("Pool Shop");
        var offer = api.createOffer(anOffer().withFormat("prefix", "POOL-"));
        assertThat(api.generate(offer, 3).status()).isEqualTo(201);
        var exported = api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Accept", "text/csv")
                .GET());

        var issued = api.issue(offer, UUID.randomUUID());

        assertThat(exported.body()).contains(issued);
    }

    @Test
    void a_valid_code_validates_without_being_used_up() {
        var api = shop("Validate Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        var first = api.validate(code);
        var second = api.validate(code.toLowerCase());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("valid").asBoolean()).isTrue();
        assertThat(first.json().get("offer").get("name").asString()).isEqualTo("Spring sale");
        assertThat(second.status()).isEqualTo(200);
        assertThat(api.redeem(code).status()).isEqualTo(201);
    }

    @Test
    void redeeming_a_code_returns_the_redemption() {
        var api = shop("Redeem Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        var reply = api.http.post(
                "/api/v1/redemptions",
                HttpApi.json("code", code, "orderAmount", 42.5, "currency", "eur", "location", "Till 3"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        var body = reply.json();
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asString()).isEqualTo("REDEEMED");
        assertThat(body.get("redeemedAt").asString()).isNotBlank();
        assertThat(body.get("currency").asString()).isEqualTo("EUR");
        var read = api.http.get("/api/v1/redemptions/" + body.get("id").asString());
        assertThat(read.json().get("location").asString()).isEqualTo("Till 3");
    }

    @Test
    void redeeming_a_code_twice_fails_with_ALREADY_REDEEMED() {
        var api = shop("Twice Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());
        api.redeem(code);

        var again = api.redeem(code);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
        assertThat(api.validate(code).json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void an_unknown_code_is_refused_with_UNKNOWN_CODE() {
        var api = shop("Unknown Shop");

        var reply = api.redeem("NOSUCHCODE");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
    }

    @Test
    void a_code_with_several_uses_redeems_that_many_times() {
        var api = shop("Multi Shop");
        var offer = api.createOffer(anOffer().with("maxRedemptionsPerCode", 3));
        var code = api.issue(offer, UUID.randomUUID());

        for (int i = 0; i < 3; i++) {
            assertThat(api.redeem(code).status()).isEqualTo(201);
        }
        assertThat(api.redeem(code).json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void a_paused_offer_refuses_with_OFFER_PAUSED_until_resumed() {
        var api = shop("Pause Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        assertThat(api.http.post("/api/v1/offers/" + offer + "/pause", "").status())
                .isEqualTo(200);
        var refused = api.redeem(code);
        api.http.post("/api/v1/offers/" + offer + "/resume", "");
        var redeemed = api.redeem(code);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("OFFER_PAUSED");
        assertThat(redeemed.status()).isEqualTo(201);
    }

    @Test
    void codes_outside_the_validity_window_are_NOT_YET_VALID_or_EXPIRED() {
        var api = shop("Window Shop");
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var future = api.createOffer(anOffer()
                .with("validFrom", now.plus(1, ChronoUnit.DAYS).toString())
                .with("validUntil", now.plus(2, ChronoUnit.DAYS).toString()));
        var futureCode = api.generateOne(future);
        var past = api.createOffer(anOffer()
                .with("validFrom", now.minus(2, ChronoUnit.DAYS).toString())
                .with("validUntil", now.minus(1, ChronoUnit.DAYS).toString()));
        var pastCode = api.generateOne(past);

        assertThat(api.redeem(futureCode).json().get("code").asString()).isEqualTo("NOT_YET_VALID");
        assertThat(api.redeem(pastCode).json().get("code").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void a_code_valid_for_days_after_issue_carries_its_own_end() {
        var api = shop("Days Shop");
        var offer = api.createOffer(anOffer().with("validDaysAfterIssue", 7));

        var issued = api.http.post(
                "/api/v1/offers/" + offer + "/issue",
                HttpApi.json("contactId", UUID.randomUUID().toString()));

        var validUntil = Instant.parse(issued.json().get("validUntil").asString());
        assertThat(validUntil)
                .isBetween(Instant.now().plus(6, ChronoUnit.DAYS), Instant.now().plus(8, ChronoUnit.DAYS));
    }

    @Test
    void a_voided_code_is_refused_with_VOIDED() {
        var api = shop("Void Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        assertThat(api.http.post("/api/v1/coupons/" + code + "/void", "").status())
                .isEqualTo(204);

        assertThat(api.redeem(code).json().get("code").asString()).isEqualTo("VOIDED");
    }

    @Test
    void the_total_cap_refuses_with_TOTAL_CAP_REACHED() {
        var api = shop("Cap Shop");
        var offer = api.createOffer(anOffer().with("maxRedemptionsTotal", 2));
        var codes = java.util.stream.Stream.generate(() -> api.issue(offer, UUID.randomUUID()))
                .limit(3)
                .toList();

        assertThat(api.redeem(codes.get(0)).status()).isEqualTo(201);
        assertThat(api.redeem(codes.get(1)).status()).isEqualTo(201);
        var third = api.redeem(codes.get(2));

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().get("code").asString()).isEqualTo("TOTAL_CAP_REACHED");
    }

    @Test
    void a_contact_over_its_limit_is_refused_with_CONTACT_LIMIT_REACHED() {
        var api = shop("Contact Shop");
        var offer =
                api.createOffer(anOffer().with("maxRedemptionsPerContact", 1).with("maxRedemptionsTotal", 50));
        var generic = api.http.post("/api/v1/offers/" + offer + "/generic-code", HttpApi.json("code", "WELCOME-2026"));
        assertThat(generic.status()).as(generic.body()).isEqualTo(201);
        var contact = UUID.randomUUID().toString();

        var first = api.http.post("/api/v1/redemptions", HttpApi.json("code", "welcome-2026", "contactId", contact));
        var second = api.http.post("/api/v1/redemptions", HttpApi.json("code", "WELCOME-2026", "contactId", contact));
        var other = api.http.post(
                "/api/v1/redemptions",
                HttpApi.json(
                        "code", "WELCOME-2026", "contactId", UUID.randomUUID().toString()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asString()).isEqualTo("CONTACT_LIMIT_REACHED");
        assertThat(other.status()).isEqualTo(201);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_answer() {
        var api = shop("Retry Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());
        var key = UUID.randomUUID().toString();

        var first = api.redeem(HttpApi.json("code", code), key);
        var retry = api.redeem(HttpApi.json("code", code), key);
        var withoutKey = api.redeem(code);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(withoutKey.json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void the_same_idempotency_key_with_another_request_is_refused_and_redeems_nothing() {
        var api = shop("Reused Key Shop");
        var offer = api.createOffer(anOffer());
        var first = api.issue(offer, UUID.randomUUID());
        var second = api.issue(offer, UUID.randomUUID());
        var key = UUID.randomUUID().toString();

        assertThat(api.redeem(HttpApi.json("code", first), key).status()).isEqualTo(201);
        var reused = api.redeem(HttpApi.json("code", second), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(api.redeem(second).status())
                .as("the second code is still unredeemed")
                .isEqualTo(201);
    }

    @Test
    void a_refusal_is_replayed_too_for_the_same_idempotency_key() {
        var api = shop("Refusal Retry Shop");
        var key = UUID.randomUUID().toString();

        var first = api.redeem(HttpApi.json("code", "NOPE-NOPE"), key);
        var retry = api.redeem(HttpApi.json("code", "NOPE-NOPE"), key);

        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.contentType()).startsWith("application/problem+json");
        assertThat(retry.json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
    }

    @Test
    void a_reversed_redemption_frees_the_code_again_and_cannot_be_reversed_twice() {
        var api = shop("Reverse Shop");
        var offer = api.createOffer(anOffer().with("maxRedemptionsTotal", 1));
        var code = api.issue(offer, UUID.randomUUID());
        var redemption = api.redeem(code).json().get("id").asString();

        var reversal = api.http.post("/api/v1/redemptions/" + redemption + "/reversal", "");
        var again = api.http.post("/api/v1/redemptions/" + redemption + "/reversal", "");

        assertThat(reversal.status()).isEqualTo(200);
        assertThat(reversal.json().get("status").asString()).isEqualTo("REVERSED");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("ALREADY_REVERSED");
        assertThat(api.redeem(code).status()).isEqualTo(201);
    }

    @Test
    void a_till_key_may_validate_and_redeem_but_not_create_offers() {
        var shop = tenants.create("Till Shop");
        var owner = new CouponApi(new HttpApi(port, shop.apiKey()));
        var till = new CouponApi(new HttpApi(port, tenants.issueKey(shop.tenant(), ApiKeyScope.REDEEM)));
        var offer = owner.createOffer(anOffer());
        var code = owner.issue(offer, UUID.randomUUID());

        assertThat(till.validate(code).status()).isEqualTo(200);
        assertThat(till.redeem(code).status()).isEqualTo(201);
        assertThat(till.http.post("/api/v1/offers", anOffer().body).status()).isEqualTo(403);
    }

    @Test
    void another_tenant_cannot_see_or_redeem_a_code() {
        var api = shop("Own Shop");
        var other = shop("Other Shop");
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        assertThat(other.validate(code).json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
        assertThat(other.redeem(code).json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
        assertThat(other.http.get("/api/v1/offers/" + offer).status()).isEqualTo(404);
        assertThat(api.redeem(code).status()).isEqualTo(201);
    }
}
