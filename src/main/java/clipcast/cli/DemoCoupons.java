package clipcast.cli;

import clipcast.coupons.Coupons;
import clipcast.coupons.IssueOutcome;
import clipcast.coupons.NewOffer;
import clipcast.tenancy.Tenant;
import clipcast.tenancy.TenantScope;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The demo tenant's offer: made once with some codes; one code issued to a demo contact, its page printed. */
@Component
class DemoCoupons {

    static final String OFFER_NAME = "Spring pastry: 20 % off";
    static final UUID DEMO_CONTACT = UUID.nameUUIDFromBytes("demo-contact".getBytes(StandardCharsets.UTF_8));

    private final Coupons coupons;
    private final String publicUrl;

    DemoCoupons(Coupons coupons, @Value("${clipcast.public-url}") String publicUrl) {
        this.coupons = coupons;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    void printCoupon(Tenant tenant, PrintStream out) {
        TenantScope.run(tenant.id(), () -> {
            var offer = coupons.offers().stream()
                    .filter(existing -> existing.name().equals(OFFER_NAME))
                    .findFirst()
                    .orElseGet(() -> {
                        var created = coupons.createOffer(NewOffer.of(
                                OFFER_NAME,
                                "PERCENT",
                                BigDecimal.valueOf(20),
                                null,
                                null,
                                "One per customer, on pastries only. Not combinable with other offers.",
                                30,
                                1,
                                null,
                                List.of("EMAIL", "SMS", "POS"),
                                "SPRING-",
                                "####-????",
                                true));
                        coupons.requestCodes(created.id(), 100);
                        return created;
                    });
            if (coupons.issue(offer.id(), DEMO_CONTACT, null) instanceof IssueOutcome.Issued(var code, var created)) {
                out.println("Demo coupon: " + code.code() + "  " + publicUrl + "/c/" + code.pageToken());
                out.println("Cashier screen: " + publicUrl + "/app/cashier");
            }
        });
    }
}
