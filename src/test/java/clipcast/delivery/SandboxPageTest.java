package clipcast.delivery;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import clipcast.tenancy.TenantScope;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's sandbox page, in Chromium: each recorded email opens in full, its headers (DKIM signature
 * included) and decoded parts readable, its exact source in an expandable block, all of it shown as text.
 */
@ClipcastTest
class SandboxPageTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    NodeWithoutSmtp nodeWithoutSmtp;

    static final String SUBJECT = "Confirm <b>now</b> & \"save\" at the Café ☕";

    record Owner(TestTenants.TenantWithKey shop, Page page) {}

    Owner signedInOwner(String name) {
        var shop = tenants.create(name);
        var owner = tenants.createUser(shop.tenant(), Role.OWNER, "sandbox owner pw");
        var page = browser.newPage(false);
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Email").fill(owner);
        page.getByLabel("Password").fill("sandbox owner pw");
        page.locator("button[type=submit]").click();
        return new Owner(shop, page);
    }

    void recordConfirmation(TestTenants.TenantWithKey shop, String to) {
        TenantScope.run(
                shop.tenant().id(),
                () -> nodeWithoutSmtp
                        .confirmations()
                        .sendConfirmation(
                                to,
                                SUBJECT,
                                "Confirm at the Café here: https://clipcast.example/confirm/abc <script>"));
    }

    @Test
    void a_recorded_email_opens_in_full_with_its_headers_decoded_parts_and_source_all_shown_as_text() {
        var owner = signedInOwner("Sandbox Page Bakery");
        var to = "fay-" + UUID.randomUUID() + "@example.net";
        recordConfirmation(owner.shop(), to);
        var page = owner.page();

        page.locator("[data-test=sandbox-link]").click();
        var card = page.locator("[data-test=sandbox-message]")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(to));
        assertThat(card).hasCount(1);
        card.locator("[data-test=sandbox-full]").click();

        assertThat(page.locator("[data-test=subject]")).hasText(SUBJECT);
        assertThat(page.locator("[data-test=subject] b")).hasCount(0);
        var headers = page.locator("[data-test=headers]");
        assertThat(headers.locator(
                        "dt", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("DKIM-Signature")))
                .hasCount(1);
        assertThat(headers).containsText("a=rsa-sha256");
        assertThat(headers).containsText("Message-ID");
        assertThat(headers).containsText("no-reply@clipcast.localhost");
        assertThat(headers).containsText(to);
        assertThat(headers).containsText(SUBJECT);
        var part = page.locator("[data-test=part]");
        assertThat(part).hasCount(1);
        assertThat(part).containsText("text/plain");
        assertThat(part.locator("pre"))
                .containsText("Confirm at the Café here: https://clipcast.example/confirm/abc <script>");
        assertThat(part.locator("pre"))
                .containsText("on behalf of " + owner.shop().tenant().name());

        var source = page.locator("[data-test=source]");
        assertThat(source.locator("pre")).not().isVisible();
        source.locator("summary").click();
        assertThat(source.locator("pre")).isVisible();
        assertThat(source.locator("pre")).containsText("DKIM-Signature: v=1;");
        assertThat(source.locator("pre")).containsText("Subject: =?UTF-8?");
        assertThat(page.locator("main script")).hasCount(0);
    }

    @Test
    void a_message_of_another_tenant_or_no_message_at_all_is_not_found() {
        var owner = signedInOwner("Sandbox Owner Bakery");
        var other = tenants.create("Sandbox Other Bakery");
        var theirs = "gil-" + UUID.randomUUID() + "@example.net";
        recordConfirmation(other, theirs);
        var theirId = TenantScope.call(
                other.tenant().id(),
                () -> nodeWithoutSmtp.sandbox().newest().stream()
                        .filter(message -> message.recipient().equals(theirs))
                        .findFirst()
                        .orElseThrow()
                        .id());

        var foreign = owner.page().navigate("http://localhost:" + port + "/app/sandbox/" + theirId);
        var unknown = owner.page().navigate("http://localhost:" + port + "/app/sandbox/" + UUID.randomUUID());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        owner.page().navigate("http://localhost:" + port + "/app/sandbox");
        assertThat(owner.page().locator("[data-test=sandbox-empty]")).isVisible();
        assertThat(owner.page().locator("main")).not().containsText(theirs);
    }
}
