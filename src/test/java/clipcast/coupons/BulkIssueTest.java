package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.coupons.domain.RefusalReason;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Codes for a whole batch of recipients at once, as a campaign launch issues them. */
@ClipcastTest
class BulkIssueTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Coupons coupons;

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_contact_gets_one_code_keeping_the_ones_they_have_and_emptying_the_pool_first() {
        var shop = tenants.create("Bulk Issue Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = UUID.fromString(api.createOffer(anOffer()));
        assertThat(api.generate(offer.toString(), 3).status()).isEqualTo(201);
        var regular = UUID.randomUUID();
        var regularsCode = api.issue(offer.toString(), regular);
        var contacts = new ArrayList<UUID>();
        for (int i = 0; i < 10; i++) {
            contacts.add(UUID.randomUUID());
        }
        contacts.add(regular);
        contacts.add(contacts.getFirst());
        var tenant = shop.tenant().id();

        var outcome = TenantScope.call(tenant, () -> coupons.issueAll(offer, contacts, "EMAIL"));

        assertThat(outcome).isInstanceOf(BulkIssueOutcome.Issued.class);
        var codes = ((BulkIssueOutcome.Issued) outcome).codes();
        assertThat(codes).hasSize(11).containsEntry(regular, regularsCode);
        assertThat(new HashSet<>(codes.values())).hasSize(11);
        assertThat(count(tenant, offer, "contact_id IS NULL")).as("pool left").isZero();
        assertThat(count(tenant, offer, "true"))
                .as("codes of the offer: 3 pooled + 8 made")
                .isEqualTo(11);
        for (var entry : codes.entrySet()) {
            assertThat(count(
                            tenant,
                            offer,
                            "contact_id = '" + entry.getKey() + "' AND code = '" + entry.getValue() + "'"))
                    .isEqualTo(1);
        }

        var again = TenantScope.call(tenant, () -> coupons.issueAll(offer, contacts, "EMAIL"));
        assertThat(((BulkIssueOutcome.Issued) again).codes()).isEqualTo(codes);
        assertThat(count(tenant, offer, "true")).isEqualTo(11);
    }

    @Test
    void a_paused_offer_or_a_closed_channel_issues_nothing() {
        var shop = tenants.create("Paused Bulk Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var smsOnly = UUID.fromString(api.createOffer(anOffer().with("channels", List.of("SMS"))));
        var paused = UUID.fromString(api.createOffer(anOffer()));
        var tenant = shop.tenant().id();
        TenantScope.run(tenant, () -> coupons.setPaused(paused, true));
        var contacts = List.of(UUID.randomUUID(), UUID.randomUUID());

        var closed = TenantScope.call(tenant, () -> coupons.issueAll(smsOnly, contacts, "EMAIL"));
        var refused = TenantScope.call(tenant, () -> coupons.issueAll(paused, contacts, "EMAIL"));

        assertThat(closed).isEqualTo(new BulkIssueOutcome.NotIssued(new IssueOutcome.ChannelNotAllowed("EMAIL")));
        assertThat(refused)
                .isEqualTo(new BulkIssueOutcome.NotIssued(new IssueOutcome.Refused(RefusalReason.OFFER_PAUSED)));
        assertThat(count(tenant, smsOnly, "true") + count(tenant, paused, "true"))
                .isZero();
    }

    private long count(TenantId tenant, UUID offer, String condition) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT count(*) FROM coupon_code WHERE offer_id = ? AND " + condition)
                        .param(offer)
                        .query(Long.class)
                        .single());
    }
}
