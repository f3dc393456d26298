package clipcast.campaigns;

import static clipcast.support.HttpApi.json;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantScope;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's campaign pages and the operator's held campaigns, in Chromium: a merchant sees, checks, launches
 * and cancels a real campaign and writes drafts in a form that names every mistake; the operator releases or
 * declines what is held, and nobody else gets there.
 */
@ClipcastTest
class CampaignPagesTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PASSWORD = "campaign pages password";

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Senders senders;

    @Autowired
    Tenancy tenancy;

    @Autowired
    JdbcClient jdbc;

    /** A shop ready to send, with Ana (who consented) and Ben (who did not) on the list "regulars". */
    CampaignShop shopWithAnaAndBen(String name) {
        var shop = new CampaignShop(port, tenants, name).ready(senders);
        var tag = UUID.randomUUID().toString().substring(0, 8);
        shop.contact("Ana", "ana-" + tag + "@example.org", List.of("regulars"), List.of(CampaignShop.emailConsent()));
        shop.contact("Ben", "ben-" + tag + "@example.org", List.of("regulars"), List.of());
        return shop;
    }

    static Map<String, Object> aCampaign(CampaignShop shop, Object... changes) {
        var body = json(
                "name", "Spring croissants",
                "channel", "EMAIL",
                "purpose", "marketing",
                "sender", shop.senderId,
                "audience", json("lists", List.of("regulars")),
                "subject", "Fresh for you, {{contact.firstName}}",
                "body", "Two croissants for one this Saturday " + UUID.randomUUID());
        for (int i = 0; i < changes.length; i += 2) {
            body.put((String) changes[i], changes[i + 1]);
        }
        return body;
    }

    Page signedIn(CampaignShop shop, Role role, boolean phone) {
        return signIn(tenants.createUser(shop.tenant, role, PASSWORD), phone);
    }

    Page signIn(String email, boolean phone) {
        var page = browser.newPage(phone);
        page.navigate(url("/login"));
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.locator("button[type=submit]").click();
        assertThat(page).hasURL(Pattern.compile(".*/app$"));
        return page;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    String status(CampaignShop shop, String id) {
        return shop.api.get("/api/v1/campaigns/" + id).json().get("status").asString();
    }

    @Test
    void the_list_and_the_detail_page_show_a_real_campaign_with_its_sender_audience_and_content() {
        var shop = shopWithAnaAndBen("Listed Bakery");
        var id = shop.campaign(aCampaign(shop, "body", "Two croissants for one, {{contact.firstName}} <b>only</b>"));
        var page = signedIn(shop, Role.MARKETER, true);

        page.locator("[data-test=campaigns-link]").click();
        var row = page.locator("[data-test=campaign-row][data-id='" + id + "']");
        assertThat(row).containsText("Spring croissants");
        assertThat(row).containsText("Email");
        assertThat(row.locator("[data-test=campaign-status]")).hasText("Draft");
        assertThat(row.locator("[data-test=campaign-counts]")).hasText("0 / 0 / 0");
        row.locator("[data-test=campaign-link]").click();

        assertThat(page).hasURL(Pattern.compile(".*/app/campaigns/" + id + "$"));
        assertThat(page.locator("[data-test=campaign-name]")).hasText("Spring croissants");
        assertThat(page.locator("[data-test=sender]")).containsText("offers@" + shop.domain);
        assertThat(page.locator("[data-test=sender]")).containsText("Verified");
        assertThat(page.locator("[data-test=audience]")).containsText("Lists: regulars");
        assertThat(page.locator("[data-test=subject]")).hasText("Fresh for you, {{contact.firstName}}");
        assertThat(page.locator("[data-test=body]"))
                .hasText("Two croissants for one, {{contact.firstName}} <b>only</b>");
        assertThat(page.locator("[data-test=body] b")).hasCount(0);
        assertThat(page.locator("[data-test=no-decisions]")).isVisible();
        assertThat(page.locator("[data-test=launch]")).isVisible();
        assertThat(page.locator("[data-test=edit]")).isVisible();
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .isTrue();

        var stranger = signedIn(new CampaignShop(port, tenants, "Stranger Bakery"), Role.OWNER, false);
        assertThat(stranger.navigate(url("/app/campaigns/" + id)).status()).isEqualTo(404);
        assertThat(stranger.navigate(url("/app/campaigns/" + id + "/edit")).status())
                .isEqualTo(404);
        stranger.navigate(url("/app/campaigns"));
        assertThat(stranger.locator("[data-test=campaigns-empty]")).isVisible();
    }

    @Test
    void the_list_shows_the_newest_campaigns_first_and_pages_back_to_the_oldest() {
        var shop = shopWithAnaAndBen("Many Campaigns Bakery");
        var ids = new java.util.ArrayList<String>();
        for (int i = 1; i <= CampaignPageController.PAGE_SIZE + 2; i++) {
            ids.add(shop.campaign(aCampaign(shop, "name", "Campaign " + i)));
        }
        var page = signedIn(shop, Role.MARKETER, true);
        page.navigate(url("/app/campaigns"));
        var rows = page.locator("[data-test=campaign-row]");
        assertThat(rows).hasCount(CampaignPageController.PAGE_SIZE);
        assertThat(rows.first()).hasAttribute("data-id", ids.getLast());
        assertThat(rows.first()).containsText("Campaign " + ids.size());
        assertThat(rows.last()).hasAttribute("data-id", ids.get(2));

        page.locator("[data-test=next]").click();
        assertThat(rows).hasCount(2);
        assertThat(rows.first()).hasAttribute("data-id", ids.get(1));
        assertThat(rows.last()).hasAttribute("data-id", ids.getFirst());
        assertThat(page.locator("[data-test=next]")).hasCount(0);
    }

    @Test
    void preflight_shows_the_content_findings_sender_footer_and_audience_split_and_a_blocked_launch_is_refused() {
        var shop = shopWithAnaAndBen("Preflight Bakery");
        var id = shop.campaign(aCampaign(shop, "body", "Cheap viagra with every croissant"));
        var page = signedIn(shop, Role.OWNER, false);
        page.navigate(url("/app/campaigns/" + id));

        page.locator("[data-test=preflight]").click();

        var report = page.locator("[data-test=preflight-report]");
        var finding = report.locator("[data-test=finding]");
        assertThat(finding).hasCount(1);
        assertThat(finding).hasAttribute("data-category", "DRUGS_MEDICINE");
        assertThat(finding).containsText("Drugs or medicine");
        assertThat(finding).containsText("Blocks sending");
        assertThat(finding).containsText("viagra");
        assertThat(report.locator("[data-test=preflight-problems]")).containsText("Content blocked");
        assertThat(report.locator("[data-test=sender-check]")).hasText("Verified");
        assertThat(report.locator("[data-test=footer-preview]"))
                .containsText("Corner Bakery SARL, 12 rue des Lilas, 75011 Paris, France");
        assertThat(report.locator("[data-test=split-total]")).hasText("2");
        assertThat(report.locator("[data-test=split-eligible]")).hasText("1");
        assertThat(report.locator("[data-test=split-blocked][data-reason=NO_CONSENT]"))
                .hasText("1");
        assertThat(report).containsText("Blocked: No consent");

        page.locator("[data-test=launch]").click();

        assertThat(page.locator("[data-test=refusal]")).containsText("Content blocked");
        assertThat(page.locator("[data-test=refusal]")).containsText("viagra");
        assertThat(page.locator("[data-test=campaign-status]")).hasAttribute("data-status", "DRAFT");
        assertThat(status(shop, id)).isEqualTo("DRAFT");
    }

    @Test
    void preflight_of_an_sms_campaign_shows_its_encoding_and_segments() {
        var shop = shopWithAnaAndBen("Sms Page Bakery");
        var sender = shop.api.post("/api/v1/senders", json("kind", "SMS", "address", "Croissants"));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        var id = shop.campaign(aCampaign(
                shop,
                "channel",
                "SMS",
                "sender",
                sender.json().get("id").asString(),
                "subject",
                null,
                "body",
                "Croissants \uD83E\uDD50 for you this Saturday, two for one at the bakery on the corner of the"
                        + " square, while they last: come early!"));
        var page = signedIn(shop, Role.MARKETER, true);
        page.navigate(url("/app/campaigns/" + id));

        page.locator("[data-test=preflight]").click();

        var sms = shop.api
                .post("/api/v1/campaigns/" + id + "/preflight", json())
                .json()
                .get("sms");
        assertThat(sms.get("encoding").asString()).isEqualTo("UCS_2");
        assertThat(page.locator("[data-test=sms]"))
                .hasText("UCS-2 (Unicode), " + sms.get("segments").asInt() + " segments, "
                        + sms.get("units").asInt() + " characters");
        assertThat(page.locator("[data-test=split-total]")).hasText("2");
        // Neither has a phone number: nobody is eligible for an SMS.
        assertThat(page.locator("[data-test=split-eligible]")).hasText("0");
    }

    @Test
    void launching_from_the_page_decides_the_audience_and_cancelling_stops_the_campaign() {
        var shop = shopWithAnaAndBen("Launch Bakery");
        var id = shop.campaign(aCampaign(shop));
        var page = signedIn(shop, Role.OWNER, true);
        page.navigate(url("/app/campaigns/" + id));

        page.locator("[data-test=preflight]").click();
        assertThat(page.locator("[data-test=preflight-ready]")).isVisible();
        assertThat(page.locator("[data-test=campaign-status]")).hasAttribute("data-status", "CHECKED");
        page.locator("[data-test=launch]").click();

        assertThat(page.locator("[data-test=notice]")).hasText("The campaign is launched.");
        assertThat(page.locator("[data-test=campaign-status]"))
                .hasAttribute("data-status", Pattern.compile("SAMPLING|SENDING|DONE"));
        assertThat(page.locator("[data-test=launch]")).hasCount(0);
        assertThat(status(shop, id)).isIn("SAMPLING", "SENDING", "DONE");
        assertThat(page.locator("[data-test=decision][data-status=BLOCKED][data-reason=NO_CONSENT]"))
                .containsText("1");
        assertThat(page.locator("[data-test=decision][data-status=ELIGIBLE]")).containsText("1");

        page.locator("[data-test=filter-status]").selectOption("BLOCKED");
        page.locator("[data-test=filter-reason]").selectOption("NO_CONSENT");
        button(page, "Show").click();
        var recipients = page.locator("[data-test=recipient]");
        assertThat(recipients).hasCount(1);
        assertThat(recipients).hasAttribute("data-reason", "NO_CONSENT");
        var api = shop.api
                .get("/api/v1/campaigns/" + id + "/messages?status=BLOCKED&reason=NO_CONSENT")
                .json()
                .get("items");
        assertThat(recipients).containsText(api.get(0).get("contactId").asString());
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .isTrue();

        page.navigate(url("/app/campaigns"));
        var row = page.locator("[data-test=campaign-row][data-id='" + id + "']");
        assertThat(row.locator("[data-test=campaign-counts]")).hasText("1 / 1 / 0");
        assertThat(row.locator("[data-test=campaign-sent]")).containsText(" / ");

        row.locator("[data-test=campaign-link]").click();
        page.locator("[data-test=cancel]").click();
        assertThat(page.locator("[data-test=notice]")).containsText("cancelled");
        assertThat(page.locator("[data-test=campaign-status]")).hasAttribute("data-status", "CANCELLED");
        assertThat(status(shop, id)).isEqualTo("CANCELLED");
    }

    @Test
    void a_form_with_bad_input_shows_every_error_at_its_field_and_saves_nothing_then_a_good_one_saves_a_draft() {
        var shop = shopWithAnaAndBen("Form Bakery");
        var page = signedIn(shop, Role.OWNER, true);
        page.navigate(url("/app/campaigns"));
        page.locator("[data-test=new-campaign]").click();

        page.getByLabel("Channel").selectOption("SMS");
        page.getByLabel("Sender").selectOption(shop.senderId);
        page.getByLabel("Message").fill("Hi {{contact.password}}, show {{coupon.code}}");
        page.getByLabel("Send at (UTC)").fill("2020-01-01T10:00");
        page.locator("[data-test=save]").click();

        assertThat(page.locator("[data-test=form-errors]")).isVisible();
        assertThat(page.locator("[data-test=error-name]")).hasText("This field is required.");
        assertThat(page.locator("[data-test=error-sender]")).hasText("This sender cannot send on this channel.");
        assertThat(page.locator("[data-test=error-audience]")).hasText("Give lists, tags, contact ids or attributes.");
        assertThat(page.locator("[data-test=error-body]")).hasCount(2);
        assertThat(page.locator("[data-test=error-body]").first()).containsText("contact.password");
        assertThat(page.locator("[data-test=error-scheduledAt]")).hasText("This time is in the past.");
        assertThat(page.locator("#body")).hasValue("Hi {{contact.password}}, show {{coupon.code}}");
        assertThat(page.getByLabel("Channel")).hasValue("SMS");

        // What no honest form sends: an option that is not one, a NUL character. Named, never a 500.
        page.locator("#sender option").last().evaluate("option => option.value = 'not-a-sender'");
        page.getByLabel("Sender").selectOption("not-a-sender");
        page.locator("#name").evaluate("input => input.value = 'Nul\\u0000name'");
        page.locator("[data-test=save]").click();
        assertThat(page.locator("[data-test=error-sender]")).hasText("Choose one of the options offered.");
        assertThat(page.locator("[data-test=error-name]")).containsText("cannot be stored");
        assertThat(shop.api.get("/api/v1/campaigns").json().get("items")).isEmpty();

        page.getByLabel("Name").fill("Easter eggs");
        page.getByLabel("Channel").selectOption("EMAIL");
        page.getByLabel("Sender").selectOption(shop.senderId);
        page.getByLabel("Lists").fill("regulars, friends");
        page.getByLabel("Subject (email)").fill("Eggs for {{contact.firstName}}");
        page.getByLabel("Message").fill("Chocolate eggs are in, {{contact.firstName | friend}}.");
        page.getByLabel("Send at (UTC)").fill("");
        page.locator("[data-test=save]").click();

        assertThat(page.locator("[data-test=campaign-name]")).hasText("Easter eggs");
        assertThat(page.locator("[data-test=campaign-status]")).hasAttribute("data-status", "DRAFT");
        assertThat(page.locator("[data-test=audience]")).containsText("Lists: regulars, friends");
        var items = shop.api.get("/api/v1/campaigns").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("audience").get("lists").toString()).contains("regulars", "friends");

        page.locator("[data-test=edit]").click();
        assertThat(page.getByLabel("Lists")).hasValue("regulars, friends");
        page.getByLabel("Name").fill("Easter eggs, again");
        page.getByLabel("Message").fill("");
        page.locator("[data-test=save]").click();
        assertThat(page.locator("[data-test=error-body]")).hasText("This field is required.");
        page.getByLabel("Message").fill("Chocolate eggs are in.");
        page.locator("[data-test=save]").click();
        assertThat(page.locator("[data-test=campaign-name]")).hasText("Easter eggs, again");
    }

    @Test
    void the_operator_releases_or_declines_held_campaigns_from_the_console_and_nobody_else_reaches_it() {
        var shop = shopWithAnaAndBen("Held Page Bakery");
        var released = shop.campaign(aCampaign(shop, "name", "Released one"));
        var declined = shop.campaign(aCampaign(shop, "name", "Declined one"));
        for (var id : List.of(released, declined)) {
            assertThat(shop.api
                            .post("/api/v1/campaigns/" + id + "/launch", json())
                            .status())
                    .isEqualTo(202);
            TenantScope.run(
                    shop.tenant.id(),
                    () -> jdbc.sql("UPDATE campaign SET status = 'HELD', held_reason = 'COMPLAINT_RATE'"
                                    + " WHERE id = ?::uuid")
                            .param(id)
                            .update());
        }
        var operatorEmail = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@clipcast.example";
        TenantScope.callAsPlatform(() -> tenancy.createUser(operatorEmail, Role.OPERATOR, PASSWORD));
        var operator = signIn(operatorEmail, true);

        operator.locator("[data-test=operator-campaigns-link]").click();
        var card = operator.locator("[data-test=held][data-id='" + released + "']");
        assertThat(card).containsText("Released one");
        assertThat(card.locator("[data-test=held-tenant]")).hasText(shop.tenant.name());
        assertThat(card.locator("[data-test=held-reason]")).hasText("Too many spam complaints in the sample");
        card.locator("[data-test=release]").click();

        assertThat(operator.locator("[data-test=notice]")).containsText("released");
        assertThat(operator.locator("[data-test=held][data-id='" + released + "']"))
                .hasCount(0);
        assertThat(status(shop, released)).as("released, perhaps sent already").isIn("SENDING", "DONE");

        var other = operator.locator("[data-test=held][data-id='" + declined + "']");
        other.getByLabel("Reason").evaluate("input => input.removeAttribute('maxlength')");
        other.getByLabel("Reason").fill("x".repeat(501));
        other.locator("[data-test=decline]").click();
        assertThat(operator.locator("[data-test=error]")).containsText("at most 500 characters");
        assertThat(status(shop, declined)).isEqualTo("HELD");

        other.getByLabel("Reason").fill("Complaints from a bought list");
        other.getByLabel("Also freeze the account").check();
        other.locator("[data-test=decline]").click();
        assertThat(operator.locator("[data-test=notice]")).containsText("declined and the account is frozen");
        assertThat(status(shop, declined)).isEqualTo("DECLINED");
        assertThat(tenancy.findTenant(shop.tenant.id()).orElseThrow().status().name())
                .isEqualTo("FROZEN");
        assertThat(operator.navigate(url("/app/campaigns")).status()).isEqualTo(403);

        var owner = signedIn(shop, Role.OWNER, false);
        assertThat(owner.navigate(url("/operator/campaigns")).status()).isEqualTo(403);
        assertThat(owner.locator("main")).not().containsText("Released one");
        var cashier = signedIn(shop, Role.CASHIER, false);
        assertThat(cashier.navigate(url("/app/campaigns")).status()).isEqualTo(403);
        assertThat(cashier.navigate(url("/app/campaigns/" + released)).status()).isEqualTo(403);
        var anonymous = browser.newPage(false);
        anonymous.navigate(url("/operator/campaigns"));
        assertThat(anonymous).hasURL(Pattern.compile(".*/login$"));
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }
}
