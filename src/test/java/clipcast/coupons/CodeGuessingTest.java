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

    @Autowired
    GuessGuardRepository windows;

    @Autowired
    CouponsProperties properties;

    @Autowired
    java.time.Clock clock;

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

    @Test
    void a_node_trusts_its_clean_reading_of_a_caller_until_it_expires_or_the_caller_fails_there() {
        var tenant = tenants.create("Two Node Shop").tenant().id();
        var callers = java.util.List.of("key:till", "addr:198.51.100.7");
        var trusting = new GuessGuard(windows, withCleanTtl(java.time.Duration.ofHours(1)), clock);
        var rereading = new GuessGuard(windows, withCleanTtl(java.time.Duration.ZERO), clock);
        var otherNode = new GuessGuard(windows, properties, clock);
        assertThat(inScope(tenant, () -> trusting.assess(tenant, callers).refused()))
                .isFalse();
        assertThat(inScope(tenant, () -> rereading.assess(tenant, callers).refused()))
                .isFalse();

        for (int i = 0; i < properties.guessRefuseAfter(); i++) {
            clipcast.tenancy.TenantScope.run(tenant, () -> otherNode.failed(tenant, callers));
        }

        // Within its bound a node may miss what another node counted...
        assertThat(trusting.remembered(tenant, callers)).isPresent();
        assertThat(inScope(tenant, () -> trusting.assess(tenant, callers).refused()))
                .isFalse();
        // ...and reads the count again once its reading has expired, or once the caller fails on it.
        assertThat(rereading.remembered(tenant, callers)).isEmpty();
        assertThat(inScope(tenant, () -> rereading.assess(tenant, callers).refused()))
                .isTrue();
        clipcast.tenancy.TenantScope.run(tenant, () -> trusting.failed(tenant, callers));
        assertThat(trusting.remembered(tenant, callers)).isEmpty();
        assertThat(inScope(tenant, () -> trusting.assess(tenant, callers).refused()))
                .isTrue();
    }

    @Test
    void a_caller_already_slowed_down_is_not_remembered_as_clean() {
        var tenant = tenants.create("Slowed Shop").tenant().id();
        var callers = java.util.List.of("key:slow");
        var guard = new GuessGuard(windows, withCleanTtl(java.time.Duration.ofHours(1)), clock);
        for (int i = 0; i < properties.guessSlowAfter(); i++) {
            clipcast.tenancy.TenantScope.run(tenant, () -> guard.failed(tenant, callers));
        }

        var verdict = inScope(tenant, () -> guard.assess(tenant, callers));

        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.delay()).isPositive();
        assertThat(guard.remembered(tenant, callers)).isEmpty();
    }

    private static <T> T inScope(clipcast.tenancy.TenantId tenant, java.util.function.Supplier<T> work) {
        return clipcast.tenancy.TenantScope.call(tenant, work);
    }

    private CouponsProperties withCleanTtl(java.time.Duration ttl) {
        return new CouponsProperties(
                properties.reversalWindow(),
                properties.syncCodeLimit(),
                properties.batchSize(),
                properties.generationWriters(),
                properties.guessWindow(),
                properties.guessSlowAfter(),
                properties.guessRefuseAfter(),
                properties.guessDelayStep(),
                ttl,
                properties.idempotencyTtl());
    }
}
