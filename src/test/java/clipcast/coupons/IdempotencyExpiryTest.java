package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency keys live for their time to live (24 h by default), then they are new keys and get purged. */
@ClipcastTest
class IdempotencyExpiryTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    CouponHousekeeping housekeeping;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_expired_key_is_answered_afresh_and_housekeeping_forgets_it() {
        var shop = tenants.create("Expiring Keys Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());
        var oldKey = UUID.randomUUID().toString();
        var freshKey = UUID.randomUUID().toString();
        assertThat(api.redeem(HttpApi.json("code", code), oldKey).status()).isEqualTo(201);
        assertThat(api.redeem(HttpApi.json("code", code), freshKey).status()).isEqualTo(409);
        age(oldKey, "25 hours");

        var afterExpiry = api.redeem(HttpApi.json("code", code), oldKey);
        var withinTtl = api.redeem(HttpApi.json("code", code), freshKey);

        assertThat(afterExpiry.status()).as("a new request, not a replay").isEqualTo(409);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(withinTtl.status()).isEqualTo(409);
        assertThat(withinTtl.header("Idempotent-Replayed")).isEqualTo("true");

        age(oldKey, "25 hours");
        housekeeping.purge();

        assertThat(keys(oldKey)).isZero();
        assertThat(keys(freshKey)).isEqualTo(1);
    }

    private void age(String key, String interval) {
        TenantScope.callAsPlatform(() -> jdbc.sql(
                        "UPDATE redemption_idempotency SET created_at = now() - CAST(? AS interval) WHERE key = ?")
                .params(interval, key)
                .update());
    }

    private long keys(String key) {
        return TenantScope.callAsPlatform(() -> jdbc.sql("SELECT count(*) FROM redemption_idempotency WHERE key = ?")
                .param(key)
                .query(Long.class)
                .single());
    }
}
