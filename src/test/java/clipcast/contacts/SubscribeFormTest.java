package clipcast.contacts;

import static clipcast.support.HttpApi.json;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ClipcastTest
class SubscribeFormTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    record Shop(TestTenants.TenantWithKey tenant, HttpApi api, String formId) {}

    Shop shopWithForm() {
        var tenant = tenants.create("Form Shop");
        var api = new HttpApi(port, tenant.apiKey());
        var form = api.post(
                "/api/v1/forms",
                json(
                        "name", "Coffee news",
                        "purpose", "newsletter",
                        "fields", List.of("firstName"),
                        "consentText", "Yes, email me the coffee news and coupons (v1)."));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        return new Shop(tenant, api, form.json().get("id").asString());
    }

    /** The link of the confirmation email, which the test configuration sends over SMTP (GreenMail). */
    String confirmationLink(String email) {
        var body = TestSmtp.newestText(email);
        var matcher = Pattern.compile("https?://\\S+/confirm/\\S+").matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group().replaceFirst("https?://[^/]+", "http://localhost:" + port);
    }

    Page subscribe(Shop shop, String email, boolean tick) {
        var page = browser.newPage(true);
        page.navigate("http://localhost:" + port + "/f/" + shop.formId());
        assertThat(page.locator("#consent")).not().isChecked();
        page.locator("#email").fill(email);
        page.getByLabel("First name").fill("Ann");
        if (tick) {
            page.locator("#consent").check();
        }
        page.getByText("Subscribe").click();
        return page;
    }

    @Test
    void a_person_subscribes_on_the_form_and_confirms_by_the_emailed_link_with_the_evidence_recorded() {
        var shop = shopWithForm();

        var refused = subscribe(shop, "nobox@example.com", false);
        assertThat(refused.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .hasText("Tick the box if you want to receive these messages.");

        var ann = "ann-" + UUID.randomUUID() + "@example.com";
        var page = subscribe(shop, ann, true);
        assertThat(page.locator("[data-test=sent]")).isVisible();
        var contact = shop.api()
                .get("/api/v1/contacts?email=" + ann)
                .json()
                .get("items")
                .get(0);
        var id = contact.get("id").asString();
        assertThat(contact.get("firstName").asString()).isEqualTo("Ann");
        assertThat(contact.get("consents"))
                .as("nothing before the confirmation")
                .isEmpty();

        var link = confirmationLink(ann);
        page.navigate(link);
        assertThat(shop.api().get("/api/v1/contacts/" + id + "/consents").json().get("items"))
                .as("opening the link alone confirms nothing")
                .isEmpty();
        page.getByText("Confirm my subscription").click();
        assertThat(page.locator("[data-test=outcome]")).hasText("Thank you: your subscription is confirmed.");

        var entry = shop.api()
                .get("/api/v1/contacts/" + id + "/consents")
                .json()
                .get("items")
                .get(0);
        assertThat(entry.get("method").asString()).isEqualTo("DOUBLE_OPT_IN");
        assertThat(entry.get("purpose").asString()).isEqualTo("newsletter");
        assertThat(entry.get("confirmedAt").isNull()).isFalse();
        assertThat(entry.get("evidence").get("text").asString()).contains("coffee news");
        assertThat(entry.get("evidence").get("textVersion").asString()).isEqualTo("1");
        assertThat(entry.get("evidence").get("sourceUrl").asString()).endsWith("/f/" + shop.formId());
        assertThat(entry.get("evidence").get("ip").asString()).isNotBlank();
        assertThat(entry.get("evidence").get("userAgent").asString()).isNotBlank();

        subscribe(shop, ann, true);
        var current = shop.api().get("/api/v1/contacts/" + id).json().get("consents");
        assertThat(current.get(0).get("status").asString())
                .as("subscribing again never downgrades")
                .isEqualTo("GRANTED");
    }

    @Test
    void a_bot_that_fills_the_hidden_field_is_thanked_and_nothing_is_stored() {
        var shop = shopWithForm();
        var page = browser.newPage(false);
        page.navigate("http://localhost:" + port + "/f/" + shop.formId());
        page.locator("#email").fill("bot@example.com");
        page.locator("#website")
                .fill("http://spam.example", new com.microsoft.playwright.Locator.FillOptions().setForce(true));
        page.locator("#consent").check();
        page.getByText("Subscribe").click();

        assertThat(page.locator("[data-test=sent]")).isVisible();
        assertThat(shop.api()
                        .get("/api/v1/contacts?email=bot@example.com")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void an_expired_confirmation_link_confirms_nothing() {
        var shop = shopWithForm();
        var late = "late-" + UUID.randomUUID() + "@example.com";
        subscribe(shop, late, true);
        var link = confirmationLink(late);
        TenantScope.run(
                shop.tenant().tenant().id(),
                () -> jdbc.sql("UPDATE subscription_confirmation SET expires_at = now() - interval '1 minute'")
                        .update());

        var page = browser.newPage(false);
        page.navigate(link);

        assertThat(page.locator("[data-test=outcome]"))
                .hasText("This confirmation link has expired. Please subscribe again.");
        var id = shop.api()
                .get("/api/v1/contacts?email=" + late)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(shop.api().get("/api/v1/contacts/" + id + "/consents").json().get("items"))
                .isEmpty();
    }

    @Test
    void the_form_refuses_a_post_without_its_csrf_token_and_an_unknown_form_is_a_404() {
        var shop = shopWithForm();

        var forged = shop.api().postForm("/f/" + shop.formId(), "email=x%40example.com&consent=yes");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(shop.api().getPublic("/f/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(shop.api().getPublic("/f/not-a-form").status()).isEqualTo(404);
        assertThat(shop.api().getPublic("/confirm/garbage").body()).contains("This confirmation link is not valid.");
    }

    @Test
    void a_new_consent_text_is_a_new_version() {
        var shop = shopWithForm();

        var changed = shop.api()
                .send(shop.api()
                        .request("/api/v1/forms/" + shop.formId() + "/consent-text")
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"consentText\":\"Version two text\"}")));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
    }
}
