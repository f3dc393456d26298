package clipcast.consent;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class UnsubscribeTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Consents consents;

    record Subscriber(HttpApi api, TestTenants.TenantWithKey tenant, String contactId, String token) {}

    Subscriber subscriber(String email, String... purposes) {
        var tenant = tenants.create("Unsubscribe");
        var api = new HttpApi(port, tenant.apiKey());
        var consentList = java.util.Arrays.stream(purposes)
                .map(purpose -> (Object) json(
                        "channel", "EMAIL",
                        "purpose", purpose,
                        "status", "GRANTED",
                        "method", "API",
                        "evidence", json("text", "Yes to " + purpose)))
                .toList();
        var created = api.post("/api/v1/contacts", json("email", email, "consents", consentList));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().get("id").asString();
        var token = TenantScope.call(
                tenant.tenant().id(), () -> consents.unsubscribeToken(UUID.fromString(id), Channel.EMAIL));
        return new Subscriber(api, tenant, id, token);
    }

    String status(Subscriber subscriber, int index) {
        return subscriber
                .api()
                .get("/api/v1/contacts/" + subscriber.contactId() + "/consents")
                .json()
                .get("current")
                .get(index)
                .get("status")
                .asString();
    }

    @Test
    void opening_the_preference_page_changes_nothing() {
        var subscriber = subscriber("scanner@example.com", "marketing");

        var page = subscriber.api().getPublic("/u/" + subscriber.token());
        subscriber.api().getPublic("/u/" + subscriber.token());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("marketing", "Unsubscribe from everything");
        assertThat(status(subscriber, 0)).isEqualTo("GRANTED");
    }

    @Test
    void the_one_click_post_of_rfc_8058_unsubscribes_at_once_without_a_csrf_token() {
        var subscriber = subscriber("oneclick@example.com", "marketing", "newsletter");

        var reply = subscriber.api().postForm("/u/" + subscriber.token(), "List-Unsubscribe=One-Click");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(status(subscriber, 0)).isEqualTo("WITHDRAWN");
        assertThat(status(subscriber, 1)).isEqualTo("WITHDRAWN");
        var history = subscriber
                .api()
                .get("/api/v1/contacts/" + subscriber.contactId() + "/consents")
                .json()
                .get("items");
        assertThat(history.get(2).get("method").asString()).isEqualTo("ONE_CLICK");
        var export = subscriber
                .api()
                .get("/api/v1/contacts/" + subscriber.contactId() + "/export")
                .json();
        assertThat(export.get("suppression").get("email").toString()).contains("UNSUBSCRIBE");
    }

    @Test
    void a_forged_or_altered_token_is_a_404_and_a_post_without_the_one_click_body_is_refused() {
        var subscriber = subscriber("forged@example.com", "marketing");
        var token = subscriber.token();
        var altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThat(subscriber.api().getPublic("/u/" + altered).status()).isEqualTo(404);
        assertThat(subscriber
                        .api()
                        .postForm("/u/" + altered, "List-Unsubscribe=One-Click")
                        .status())
                .isEqualTo(404);
        assertThat(subscriber.api().postForm("/u/" + token, "hello=world").status())
                .isEqualTo(400);
        assertThat(status(subscriber, 0)).isEqualTo("GRANTED");
    }

    @Test
    void the_preference_form_is_csrf_protected() {
        var subscriber = subscriber("csrf@example.com", "marketing");

        var forged = subscriber.api().postForm("/u/" + subscriber.token() + "/preferences", "everything=true");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(status(subscriber, 0)).isEqualTo("GRANTED");
    }

    @Test
    void a_person_unticks_one_purpose_in_the_browser_and_keeps_the_other() {
        var subscriber = subscriber("browser@example.com", "marketing", "newsletter");
        var page = browser.newPage(true);

        page.navigate("http://localhost:" + port + "/u/" + subscriber.token());
        page.getByLabel("marketing").uncheck();
        page.getByText("Save my choices").click();

        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("[data-test=saved]"))
                .hasText("Your choices are saved.");
        var current = subscriber
                .api()
                .get("/api/v1/contacts/" + subscriber.contactId() + "/consents")
                .json()
                .get("current")
                .toString();
        assertThat(current).contains("{\"channel\":\"EMAIL\",\"purpose\":\"marketing\",\"status\":\"WITHDRAWN\"");
        assertThat(current).contains("{\"channel\":\"EMAIL\",\"purpose\":\"newsletter\",\"status\":\"GRANTED\"");

        page.getByText("Unsubscribe from everything").click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("[data-test=unsubscribed]"))
                .isVisible();
        assertThat(status(subscriber, 1)).isEqualTo("WITHDRAWN");
    }
}
