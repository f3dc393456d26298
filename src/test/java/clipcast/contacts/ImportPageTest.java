package clipcast.contacts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import clipcast.tenancy.TenantScope;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's import page, in headless Chromium: upload, attestation, progress, the report of rejected rows. */
@ClipcastTest
class ImportPageTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "import page password";

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    record Shop(Page page, HttpApi api) {}

    Shop signedIn(Role role) {
        var shop = tenants.create("Import page");
        var email = tenants.createUser(shop.tenant(), role, PASSWORD);
        var page = browser.newPage(false);
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.locator("button[type=submit]").click();
        assertThat(page).hasURL(Pattern.compile(".*/app$"));
        return new Shop(page, new HttpApi(port, shop.apiKey()));
    }

    static FilePayload csv(String name, String content) {
        return new FilePayload(name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    static void attest(Page page) {
        page.getByLabel("How consent was collected").selectOption("POINT_OF_SALE");
        page.getByLabel("When consent was collected").fill("2026-03-01");
        page.getByLabel("The consent text people agreed to").fill("Yes, send me the weekly coupons by email.");
        page.getByLabel("Where the list comes from").fill("Sign-up sheets of the Lyon shop, typed in by staff");
        page.locator("#notPurchased").check();
    }

    static void submit(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import"))
                .click();
    }

    @Test
    void a_marketer_uploads_a_list_with_bad_rows_follows_the_import_and_reads_each_rejected_row() {
        var shop = signedIn(Role.MARKETER);
        var page = shop.page();
        page.locator("[data-test=imports-link]").click();
        assertThat(page.locator("#notPurchased")).not().isChecked();

        page.locator("#file").setInputFiles(csv("shop.csv", """
                        email,first name,last name
                        ann@example.com,Ann,Archer
                        bob@example,Bob,
                        carl@example.com,=cmd|' /C calc'!A0,
                        dora@example.com,Dora,Dean
                        """));
        attest(page);
        submit(page);

        assertThat(page).hasURL(Pattern.compile(".*/app/imports/[0-9a-f-]{36}$"));
        assertThat(page.locator("[data-test=import-status]"))
                .hasAttribute("data-status", "DONE", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(page.locator("[data-test=import-result]")).hasText("Done: 4 rows read, 2 imported, 2 rejected.");
        var rows = page.locator("[data-test=report-row]");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0).locator("td")).containsText(new String[] {"3", "email", "not a valid email address"});
        assertThat(rows.nth(1).locator("td"))
                .containsText(new String[] {"4", "firstName", "would run as a spreadsheet formula"});

        // The page started the same job as the API: the API reports it, and the good rows are contacts.
        var id = page.url().substring(page.url().lastIndexOf('/') + 1);
        var job = shop.api().get("/api/v1/imports/" + id).json();
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("consentMethod").asString()).isEqualTo("POINT_OF_SALE");
        assertThat(shop.api()
                        .get("/api/v1/contacts?email=dora@example.com")
                        .json()
                        .get("items"))
                .hasSize(1);
    }

    @Test
    void the_page_of_a_running_import_shows_its_progress_and_follows_it_to_the_end() {
        var shop = tenants.create("Import progress");
        var email = tenants.createUser(shop.tenant(), Role.OWNER, PASSWORD);
        var id = UUID.randomUUID();
        TenantScope.run(
                shop.tenant().id(),
                () -> jdbc.sql("""
                        INSERT INTO contact_import (tenant_id, id, status, file_name, file_sha256, channel, purpose,
                            consent_method, consent_text, source_description, collected_at, not_purchased, rows_total,
                            lease_until)
                        VALUES (?, ?, 'RUNNING', 'big.csv', ?, 'EMAIL', 'marketing', 'WEB_FORM', 'Yes',
                                'Web shop sign-ups', now(), true, 40000, now() + interval '10 minutes')""")
                        .params(shop.tenant().id().value(), id, "0".repeat(64))
                        .update());
        var page = browser.newPage(false);
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.locator("button[type=submit]").click();

        page.navigate("http://localhost:" + port + "/app/imports/" + id);
        assertThat(page.locator("[data-test=import-progress]")).containsText("40,000 rows read so far");
        TenantScope.run(shop.tenant().id(), () -> jdbc.sql("""
                        UPDATE contact_import SET status = 'DONE', rows_total = 50000, rows_imported = 50000,
                            finished_at = now() WHERE id = ?""").param(id).update());

        assertThat(page.locator("[data-test=import-result]"))
                .hasText(
                        "Done: 50,000 rows read, 50,000 imported, 0 rejected.",
                        new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(page.locator("[data-test=import-progress]")).hasCount(0);
    }

    @Test
    void an_import_without_its_attestation_shows_the_missing_fields_and_starts_nothing() {
        var shop = signedIn(Role.OWNER);
        var page = shop.page();
        page.navigate("http://localhost:" + port + "/app/imports");

        page.locator("#file").setInputFiles(csv("list.csv", "email\nnobody@example.com\n"));
        page.getByLabel("The consent text people agreed to").fill("Yes, send me offers");
        submit(page);

        assertThat(page).hasURL(Pattern.compile(".*/app/imports$"));
        assertThat(page.locator("[data-test=error-consentMethod]")).hasText("This field is required.");
        assertThat(page.locator("[data-test=error-collectedAt]")).hasText("This field is required.");
        assertThat(page.locator("[data-test=error-sourceDescription]")).hasText("This field is required.");
        assertThat(page.locator("[data-test=error-notPurchased]"))
                .hasText("Confirm that the list was not bought, rented or scraped.");
        assertThat(page.locator("[data-test=error-consentText]")).hasCount(0);
        assertThat(page.locator("#consentText")).hasValue("Yes, send me offers");
        assertThat(page.locator("#notPurchased")).not().isChecked();
        assertThat(shop.api()
                        .get("/api/v1/contacts?email=nobody@example.com")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void a_missing_file_or_one_of_another_type_is_a_field_error_not_a_failure() {
        var shop = signedIn(Role.OWNER);
        var page = shop.page();
        page.navigate("http://localhost:" + port + "/app/imports");

        attest(page);
        submit(page);
        assertThat(page.locator("[data-test=error-file]")).hasText("This field is required.");

        page.locator("#file")
                .setInputFiles(
                        new FilePayload("list.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8)));
        attest(page);
        submit(page);
        assertThat(page.locator("[data-test=error-file]")).hasText("Import a .csv, .txt, .xls or .xlsx file.");
    }

    @Test
    void a_cashier_may_not_import() {
        var shop = signedIn(Role.CASHIER);
        var page = shop.page();
        assertThat(page.locator("[data-test=imports-link]")).hasCount(0);

        var response = page.navigate("http://localhost:" + port + "/app/imports");

        assertThat(response.status()).isEqualTo(403);
    }
}
