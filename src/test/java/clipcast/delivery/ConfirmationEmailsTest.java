package clipcast.delivery;

import static clipcast.support.HttpApi.json;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.Browser;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Confirmation emails go out over SMTP when a relay is configured (the shared test context sends to GreenMail):
 * from the platform's address on the tenant's behalf, with a Message-ID and a DKIM signature that verifies, and
 * without the unsubscribe headers of marketing email. Without a relay the sandbox records them, wire form included.
 */
@ClipcastTest
class ConfirmationEmailsTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    PlatformDkimKey platformKey;

    @Autowired
    NodeWithoutSmtp nodeWithoutSmtp;

    @Autowired
    JdbcClient jdbc;

    static final String PLATFORM_ADDRESS = "no-reply@clipcast.localhost";

    @Test
    void a_person_subscribes_on_the_form_gets_the_confirmation_over_smtp_signed_by_the_platform_and_its_link_confirms()
            throws Exception {
        var shop = tenants.create("Mail Bakery");
        var api = new HttpApi(port, shop.apiKey());
        var form = api.post(
                "/api/v1/forms",
                json(
                        "name", "Bread news",
                        "purpose", "newsletter",
                        "fields", List.of(),
                        "consentText", "Yes, email me the bread news."));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        var email = "dora-" + UUID.randomUUID() + "@example.net";

        var page = browser.newPage(false);
        page.navigate("http://localhost:" + port + "/f/" + form.json().get("id").asString());
        page.locator("#email").fill(email);
        page.locator("#consent").check();
        page.getByText("Subscribe").click();
        assertThat(page.locator("[data-test=sent]")).isVisible();

        var text = TestSmtp.newestText(email);
        MimeMessage received = TestSmtp.receivedBy(email).getLast();
        var from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(PLATFORM_ADDRESS);
        assertThat(from.getPersonal()).isEqualTo(shop.tenant().name() + " via Clipcast");
        assertThat(received.getSubject()).isEqualTo("Please confirm your subscription to Bread news");
        assertThat(received.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@clipcast\\.localhost>");
        assertThat(received.getHeader("List-Unsubscribe"))
                .as("transactional: no unsubscribe headers")
                .isNull();
        assertThat(text)
                .as("says who sent it, without a marketing footer")
                .contains("on behalf of " + shop.tenant().name())
                .doesNotContain("unsubscribe");
        var raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        var signature = received.getHeader("DKIM-Signature")[0].replaceAll("\\s+", "");
        assertThat(signature).contains("a=rsa-sha256", "c=relaxed/relaxed", "d=clipcast.localhost", "s=clipcast");
        var verified = new DKIMVerifier(
                        (method, selector, domain) -> List.of(platformKey.dnsRecordValue(PLATFORM_ADDRESS)))
                .verify(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(verified).hasSize(1);

        var link = Pattern.compile("https?://\\S+/confirm/\\S+").matcher(text);
        assertThat(link.find()).isTrue();
        page.navigate(link.group().replaceFirst("https?://[^/]+", "http://localhost:" + port));
        page.getByText("Confirm my subscription").click();
        assertThat(page.locator("[data-test=outcome]")).hasText("Thank you: your subscription is confirmed.");
        var contact =
                api.get("/api/v1/contacts?email=" + email).json().get("items").get(0);
        assertThat(contact.get("consents").get(0).get("method").asString()).isEqualTo("DOUBLE_OPT_IN");
        assertThat(contact.get("consents").get(0).get("status").asString()).isEqualTo("GRANTED");
    }

    @Test
    void a_sender_address_check_goes_over_smtp_too_and_nothing_is_left_in_the_sandbox() {
        var shop = tenants.create("Check Bakery");
        var api = new HttpApi(port, shop.apiKey());
        var address = "offers@" + shop.tenant().slug() + ".example";

        var sender = api.post("/api/v1/senders", json("kind", "EMAIL", "address", address));

        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        assertThat(TestSmtp.newestText(address)).contains("/senders/confirm/");
        assertThat(TenantScope.call(
                        shop.tenant().id(),
                        () -> jdbc.sql("SELECT count(*) FROM sandbox_message WHERE tenant_id = ?")
                                .param(shop.tenant().id().value())
                                .query(Long.class)
                                .single()))
                .isZero();
    }

    @Test
    void without_smtp_the_sandbox_records_the_signed_message_as_it_would_have_gone_on_the_wire() throws Exception {
        var shop = tenants.create("Sandbox Bakery");
        var email = "eli-" + UUID.randomUUID() + "@example.net";

        TenantScope.run(
                shop.tenant().id(),
                () -> nodeWithoutSmtp
                        .confirmations()
                        .sendConfirmation(email, "Please confirm", "Confirm here: https://clipcast.example/confirm/x"));

        var recorded = TenantScope.call(
                shop.tenant().id(),
                () -> jdbc.sql("SELECT body, raw FROM sandbox_message WHERE tenant_id = ? AND recipient = ?")
                        .params(shop.tenant().id().value(), email)
                        .query((rs, row) -> List.of(rs.getString("body"), rs.getString("raw")))
                        .single());
        assertThat(TestSmtp.receivedBy(email)).as("nothing sent").isEmpty();
        assertThat(recorded.get(0))
                .contains("Confirm here:", "on behalf of " + shop.tenant().name());
        var raw = recorded.get(1);
        var message = new MimeMessage(null, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo(PLATFORM_ADDRESS);
        assertThat(message.getHeader("Message-ID")).isNotNull();
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        var verified = new DKIMVerifier(
                        (method, selector, domain) -> List.of(platformKey.dnsRecordValue(PLATFORM_ADDRESS)))
                .verify(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(verified).hasSize(1);
    }
}
