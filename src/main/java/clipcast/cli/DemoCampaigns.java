package clipcast.cli;

import clipcast.campaigns.Audience;
import clipcast.campaigns.CampaignRequest;
import clipcast.campaigns.Campaigns;
import clipcast.campaigns.SenderProfile;
import clipcast.campaigns.Senders;
import clipcast.coupons.Coupons;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The demo tenant's sender identity and a draft campaign to its newsletter list, made once. */
@Component
class DemoCampaigns {

    static final String SENDER = "offers@demo.clipcast.test";

    private final Senders senders;
    private final Campaigns campaigns;
    private final Coupons coupons;

    DemoCampaigns(Senders senders, Campaigns campaigns, Coupons coupons) {
        this.senders = senders;
        this.campaigns = campaigns;
        this.coupons = coupons;
    }

    void seed(TenantId tenant, PrintStream out) {
        TenantScope.run(tenant, () -> {
            if (senders.profile().isEmpty()) {
                senders.saveProfile(new SenderProfile(
                        "Demo Coffee Roasters Ltd",
                        "1 Bean Street, London EC1A 1AA, United Kingdom",
                        "hello@demo.clipcast.test",
                        null,
                        null,
                        null));
            }
            var sender = senders.list().stream()
                    .filter(s -> s.address().equals(SENDER))
                    .findFirst()
                    .or(() -> senders.addVerifiedByOperator(SENDER, "Demo Coffee Roasters"))
                    .orElseThrow();
            var existing = campaigns.page(null, 1);
            if (!existing.isEmpty()) {
                out.println("Campaign: " + existing.getFirst().id() + " ("
                        + existing.getFirst().status() + ")");
                return;
            }
            var offer = coupons.offers().stream().findFirst().map(o -> o.id()).orElse(null);
            var saved = campaigns.create(new CampaignRequest(
                    "Welcome coffee",
                    "EMAIL",
                    "marketing",
                    sender.id(),
                    new Audience(List.of("newsletter", "vip"), List.of(), List.of(), Map.of()),
                    "A coffee on us, {{contact.firstName | friend}}",
                    offer == null
                            ? "Hello {{contact.firstName}},\n\nCome by for a coffee on us this week."
                            : "Hello {{contact.firstName}},\n\nShow {{coupon.code}} at the counter for a coffee on us"
                                    + " this week: {{coupon.url}}",
                    offer,
                    null,
                    "AUTO"));
            if (saved instanceof Campaigns.Saved.Done(var campaign)) {
                out.println("Campaign: " + campaign.id() + " (draft; preflight and launch it through the API)");
            }
        });
    }
}
