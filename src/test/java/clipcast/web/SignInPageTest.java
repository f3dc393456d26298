package clipcast.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class SignInPageTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Test
    void an_owner_signs_in_on_a_phone_and_sees_the_account_and_its_keys() {
        var shop = tenants.create("Phone Shop");
        var email = tenants.createUser(shop.tenant(), Role.OWNER, "correct horse battery");
        var page = browser.newPage(true);

        page.navigate("http://localhost:" + port + "/app");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/app$"));
        assertThat(page.locator("[data-test=tenant-name]"))
                .hasText(shop.tenant().name());
        assertThat(page.locator("#api-keys")).containsText("FULL");
        page.getByText("Sign out").click();
        assertThat(page.locator("body")).containsText("You are signed out.");
    }

    @Test
    void a_wrong_password_is_refused_with_a_clear_message() {
        var shop = tenants.create("Careful Shop");
        var email = tenants.createUser(shop.tenant(), Role.CASHIER, "the right one");
        var page = browser.newPage(false);

        page.navigate("http://localhost:" + port + "/login");
        assertThat(page.getByText("Sign out")).hasCount(0);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("the wrong one");
        page.locator("button[type=submit]").click();

        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .hasText("That email and password do not match an account.");
    }
}
