package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Offers limited both per contact and in total: the one kind of redemption whose counters must rise together in a
 * transaction. Every other redemption is a single statement without one.
 */
@ClipcastTest
class RedemptionLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_redemption_refused_by_the_total_cap_leaves_the_contacts_count_as_it_was() {
        var api = new CouponApi(
                new HttpApi(port, tenants.create("Both Limits Shop").apiKey()));
        var offer =
                api.createOffer(anOffer().with("maxRedemptionsPerContact", 2).with("maxRedemptionsTotal", 1));
        var contact = UUID.randomUUID();
        var first = api.issue(offer, contact);
        var second = otherCode(api, offer, first);

        var redeemed = api.http.post("/api/v1/redemptions", HttpApi.json("code", first));
        var capped =
                api.http.post("/api/v1/redemptions", HttpApi.json("code", second, "contactId", contact.toString()));
        var reversal =
                api.http.post("/api/v1/redemptions/" + redeemed.json().get("id").asString() + "/reversal", "");
        var afterReversal =
                api.http.post("/api/v1/redemptions", HttpApi.json("code", second, "contactId", contact.toString()));

        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(capped.status()).isEqualTo(409);
        assertThat(capped.json().get("code").asString()).isEqualTo("TOTAL_CAP_REACHED");
        assertThat(reversal.status()).isEqualTo(200);
        // Had the refused attempt kept its contact count, this would be CONTACT_LIMIT_REACHED (2 of 2).
        assertThat(afterReversal.status()).as(afterReversal.body()).isEqualTo(201);
    }

    /** A newly generated code of the offer, not the one given. */
    private static String otherCode(CouponApi api, String offer, String not) {
        assertThat(api.generate(offer, 1).status()).isEqualTo(201);
        return codesOf(api, offer).stream()
                .filter(code -> !code.equals(not))
                .findFirst()
                .orElseThrow();
    }

    private static java.util.List<String> codesOf(CouponApi api, String offer) {
        var csv = api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Accept", "text/csv")
                .GET());
        return csv.body().lines().skip(1).map(line -> line.split(",")[0]).toList();
    }

    @Test
    void concurrent_redemptions_under_both_limits_respect_each_of_them_exactly() throws Exception {
        var shop = tenants.create("Both Limits Rush Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer =
                api.createOffer(anOffer().with("maxRedemptionsPerContact", 2).with("maxRedemptionsTotal", 30));
        var contacts = new ArrayList<UUID>();
        for (int i = 0; i < 20; i++) {
            contacts.add(UUID.randomUUID());
        }
        var reply = api.generate(offer, 80);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        var codes = codesOf(api, offer);

        var start = new CountDownLatch(1);
        var created = 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var replies = new ArrayList<Future<HttpApi.Reply>>();
            for (int i = 0; i < 80; i++) {
                var body = HttpApi.json(
                        "code", codes.get(i), "contactId", contacts.get(i % 20).toString());
                replies.add(executor.submit(() -> {
                    start.await();
                    return api.http.post("/api/v1/redemptions", body);
                }));
            }
            start.countDown();
            for (var future : replies) {
                created += future.get().status() == 201 ? 1 : 0;
            }
        }

        var tenant = shop.tenant().id();
        var perContact = clipcast.tenancy.TenantScope.call(
                tenant,
                () -> jdbc.sql("""
                        SELECT max(n) FROM (SELECT count(*) AS n FROM redemption
                                            WHERE tenant_id = ? AND offer_id = ? GROUP BY contact_id) r""")
                        .params(tenant.value(), UUID.fromString(offer))
                        .query(Long.class)
                        .single());
        var counted = clipcast.tenancy.TenantScope.call(
                tenant,
                () -> jdbc.sql("""
                        SELECT (SELECT redeemed_total FROM offer WHERE tenant_id = ? AND id = ?),
                               (SELECT coalesce(sum(redemptions), 0) FROM contact_redemption_count
                                WHERE tenant_id = ? AND offer_id = ?)""")
                        .params(tenant.value(), UUID.fromString(offer), tenant.value(), UUID.fromString(offer))
                        .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .single());
        assertThat(created).isEqualTo(30);
        assertThat(perContact).isLessThanOrEqualTo(2);
        assertThat(counted).containsExactly(30L, 30L);
    }
}
