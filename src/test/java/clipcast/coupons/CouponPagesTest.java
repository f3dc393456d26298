package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The coupon page and the cashier screen, in headless Chromium sized like a phone. */
@ClipcastTest
class CouponPagesTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Test
    void a_coupon_page_shows_offer_terms_code_qr_and_barcode_on_a_phone_and_counts_one_impression_per_viewer() {
        var shop = tenants.create("Page Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer().with("name", "Free coffee").with("terms", "Not with other offers."));
        var issued = api.http.post(
                "/api/v1/offers/" + offer + "/issue",
                HttpApi.json("contactId", UUID.randomUUID().toString()));
        var code = issued.json().get("code").asString();
        var path = issued.json().get("url").asString().replaceFirst("^https?://[^/]+", "");
        var page = browser.newPage(true);

        page.navigate("http://localhost:" + port + path);

        assertThat(page.locator("[data-test=offer-name]")).hasText("Free coffee");
        assertThat(page.locator("[data-test=discount]")).hasText("10 % off");
        assertThat(page.locator("[data-test=code]")).hasText(code);
        assertThat(page.locator("[data-test=terms]")).hasText("Not with other offers.");
        assertThat(loaded(page, "[data-test=qr]")).isTrue();
        assertThat(loaded(page, "[data-test=barcode]")).isTrue();
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .isTrue();

        page.reload();
        browser.newPage(true).navigate("http://localhost:" + port + path);

        var stats = api.http.get("/api/v1/offers/" + offer + "/stats").json();
        org.assertj.core.api.Assertions.assertThat(stats.get("impressions").asLong())
                .isEqualTo(2);
    }

    @Test
    void an_unknown_coupon_page_is_not_found() {
        var page = browser.newPage(true);

        var response = page.navigate("http://localhost:" + port + "/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void a_cashier_validates_then_redeems_a_code_on_a_phone_and_sees_every_refusal_clearly() {
        var shop = tenants.create("Till Phone Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer().with("name", "Spring sale"));
        var code = api.issue(offer, UUID.randomUUID());
        var laterCode = api.issue(offer, UUID.randomUUID());
        var email = tenants.createUser(shop.tenant(), Role.CASHIER, "till password 1");
        var page = browser.newPage(true);
        signIn(page, email, "till password 1");

        page.navigate("http://localhost:" + port + "/app/cashier");
        page.getByLabel("Coupon code").fill(" " + code.toLowerCase() + " ");
        button(page, "Validate").click();
        assertThat(page.locator("[data-test=result]")).containsText("Valid: Spring sale");

        button(page, "Redeem").click();
        assertThat(page.locator("[data-test=result]")).containsText("Redeemed: " + code);

        page.getByLabel("Coupon code").fill(code);
        button(page, "Redeem").click();
        assertThat(page.locator("[data-test=result]")).hasText("Already redeemed: this code has been used.");

        page.getByLabel("Coupon code").fill("NOT-A-CODE");
        button(page, "Validate").click();
        assertThat(page.locator("[data-test=result]")).hasText("Unknown code. Check it for typos and try again.");

        api.http.post("/api/v1/offers/" + offer + "/pause", "");
        page.getByLabel("Coupon code").fill(laterCode);
        button(page, "Redeem").click();
        assertThat(page.locator("[data-test=result]")).hasText("This offer is paused: it cannot be redeemed now.");
    }

    private void signIn(Page page, String email, String password) {
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.locator("button[type=submit]").click();
        assertThat(page).hasURL(Pattern.compile(".*/app$"));
    }

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    private static boolean loaded(Page page, String selector) {
        page.locator(selector).evaluate("img => img.decode()");
        return (Boolean) page.locator(selector).evaluate("img => img.complete && img.naturalWidth > 0");
    }
}
