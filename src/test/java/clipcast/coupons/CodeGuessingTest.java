package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.ApiKeyScope;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The test profile refuses after 8 failures in the window (clipcast.coupons.guess-refuse-after). */
@ClipcastTest
class CodeGuessingTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Test
    void a_key_that_keeps_guessing_codes_is_refused_with_429_and_Retry_After() {
        var shop = tenants.create("Guessed Shop");
        var owner = new CouponApi(new HttpApi(port, shop.apiKey()));
        var code = owner.issue(owner.createOffer(anOffer()), UUID.randomUUID());
        var guesser = new CouponApi(new HttpApi(port, tenants.issueKey(shop.tenant(), ApiKeyScope.REDEEM)));

        for (int i = 0; i < 8; i++) {
            assertThat(guesser.validate("GUESS" + i + "XYZ").json().get("code").asString())
                    .isEqualTo("UNKNOWN_CODE");
        }
        var refused = guesser.validate(code);
        var refusedRedeem = guesser.redeem(code);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("TOO_MANY_FAILED_VALIDATIONS");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refusedRedeem.status()).isEqualTo(429);
    }

    @Test
    void valid_codes_and_refusals_other_than_unknown_codes_do_not_count_as_guesses() {
        var shop = tenants.create("Busy Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());
        api.redeem(code);

        for (int i = 0; i < 12; i++) {
            assertThat(api.redeem(code).json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
        }

        assertThat(api.validate(api.issue(offer, UUID.randomUUID())).status()).isEqualTo(200);
    }
}
