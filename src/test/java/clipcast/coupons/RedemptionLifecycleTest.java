package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What happens to redemptions and jobs over time: the reversal window, and jobs a dead node left behind. */
@ClipcastTest
class RedemptionLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_redemption_older_than_the_reversal_window_cannot_be_reversed() {
        var shop = tenants.create("Late Reversal Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var code = api.issue(api.createOffer(anOffer()), UUID.randomUUID());
        var redemption = api.redeem(code).json().get("id").asString();
        TenantScope.run(
                shop.tenant().id(),
                () -> jdbc.sql(
                                "UPDATE redemption SET redeemed_at = now() - interval '2 days' WHERE tenant_id = ? AND id = ?")
                        .params(shop.tenant().id().value(), UUID.fromString(redemption))
                        .update());

        var reversal = api.http.post("/api/v1/redemptions/" + redemption + "/reversal", "");

        assertThat(reversal.status()).isEqualTo(422);
        assertThat(reversal.json().get("code").asString()).isEqualTo("REVERSAL_WINDOW_CLOSED");
        assertThat(api.redeem(code).json().get("code").asString()).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void a_job_whose_node_stopped_renewing_its_lease_is_finished_by_another_node() throws Exception {
        var shop = tenants.create("Orphan Job Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = UUID.fromString(api.createOffer(anOffer()));
        var job = UUID.randomUUID();
        // A job some node claimed and then died holding: its lease ran out a minute ago.
        TenantScope.run(
                shop.tenant().id(),
                () -> jdbc.sql("INSERT INTO code_job (tenant_id, id, offer_id, total, done, status, lease_until)"
                                + " VALUES (?, ?, ?, 5000, 0, 'RUNNING', now() - interval '1 minute')")
                        .params(shop.tenant().id().value(), job, offer)
                        .update());

        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpApi.Reply progress;
        do {
            Thread.sleep(200);
            progress = api.http.get("/api/v1/code-jobs/" + job);
        } while (!progress.json().get("status").asString().equals("DONE") && System.nanoTime() < deadline);

        assertThat(progress.json().get("status").asString()).isEqualTo("DONE");
        assertThat(progress.json().get("done").asInt()).isEqualTo(5000);
        assertThat(api.http
                        .get("/api/v1/offers/" + offer + "/stats")
                        .json()
                        .get("codes")
                        .asLong())
                .isEqualTo(5000);
    }

    @Test
    void an_issued_code_and_its_page_belong_to_one_tenant_only() {
        var shop = tenants.create("Page Owner Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        var issued = api.http.post(
                "/api/v1/offers/" + offer + "/issue",
                HttpApi.json("contactId", UUID.randomUUID().toString()));
        var code = issued.json().get("code").asString();
        var other = tenants.create("Page Thief Shop");
        var forged = clipcast.coupons.CouponPageToken.of(other.tenant().id(), code);

        var page = new HttpApi(port, null).get("/c/" + forged);

        assertThat(page.status()).isEqualTo(404);
    }
}
