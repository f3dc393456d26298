package clipcast.delivery.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.campaigns.Campaigns;
import clipcast.campaigns.Senders;
import clipcast.support.ClipcastTest;
import clipcast.support.Eventually;
import clipcast.support.HttpApi;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Feedback end to end: a campaign email goes out through real SMTP, the mail system reports a bounce or a complaint
 * about it quoting the message it received, and the report counts for that campaign's staged release and keeps the
 * address out of later campaigns.
 */
@ClipcastTest
class FeedbackCampaignTest {

    private static final String HOOK = "/hooks/email/inbound";

    @LocalServerPort
    int port;

    @Value("${clipcast.feedback.inbound-secret}")
    String secret;

    @Autowired
    TestTenants tenants;

    @Autowired
    Senders senders;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    HttpApi mailSystem;
    String tag;

    @BeforeEach
    void setUp() {
        mailSystem = new HttpApi(port, secret);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_hard_bounce_of_a_campaign_email_counts_for_the_campaign_and_keeps_the_address_out_of_the_next_one()
            throws Exception {
        var shop = new Shop(port, tenants, "Bounce Bakery", senders);
        var ana = "ana-" + tag + "@example.org";
        shop.contact("Ana", ana, "regulars");
        var first = shop.campaign("regulars", "Croissants are 2 for 1 this weekend.");
        shop.launch(first);
        var email = received(ana);

        var reply = mailSystem.postRaw(
                HOOK,
                "message/rfc822",
                Reports.load(
                        "postfix-user-unknown.eml",
                        Map.of("sender", "offers@" + shop.domain, "recipient", ana, "original", wireForm(email))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("event").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(recipient.get("result").asString()).isEqualTo("RECORDED");
        assertThat(recipient.get("matchedBy").asString()).isEqualTo("MESSAGE_ID");
        assertThat(email.getMessageID())
                .isEqualTo("<" + recipient.get("messageId").asString() + "@" + shop.domain + ">");
        assertThat(shop.campaign(first).get("delivery").get("hardBounces").asInt())
                .isEqualTo(1);

        var next = shop.campaign("regulars", "Fresh bread every morning from seven.");
        var audience = shop.preflight(next);
        assertThat(audience.get("eligible").asInt()).isZero();
        assertThat(audience.get("blocked").get("SUPPRESSED").asInt()).isEqualTo(1);
        shop.launch(next);
        var blocked = shop.api.get("/api/v1/campaigns/" + next + "/messages?status=blocked&reason=SUPPRESSED");
        assertThat(blocked.json().get("items")).as(blocked.body()).hasSize(1);
    }

    @Test
    void a_sample_that_bounces_holds_the_campaign_for_the_operator() throws Exception {
        var shop = new Shop(port, tenants, "Sample Bakery", senders);
        var ana = "ana-" + tag + "@example.org";
        var ben = "ben-" + tag + "@example.org";
        shop.contact("Ana", ana, "regulars");
        shop.contact("Ben", ben, "regulars");
        var campaign = shop.campaign("regulars", "Our new rye loaf is here.");
        shop.launch(campaign);
        Eventually.within(
                Duration.ofSeconds(20),
                "the sample (one of two) is sent",
                () -> TestSmtp.receivedBy(ana).size() + TestSmtp.receivedBy(ben).size() == 1);
        var sampled = TestSmtp.receivedBy(ana).isEmpty() ? ben : ana;
        var email = received(sampled);

        var reply = mailSystem.postRaw(
                HOOK,
                "message/rfc822",
                Reports.load(
                        "postfix-user-unknown.eml",
                        Map.of("sender", "offers@" + shop.domain, "recipient", sampled, "original", wireForm(email))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        campaigns.advance(clock.instant().plus(Duration.ofHours(7)));

        assertThat(shop.campaign(campaign).get("status").asString()).isEqualTo("HELD");
    }

    @Test
    void a_complaint_about_one_shops_email_keeps_the_address_out_of_every_shops_campaigns() throws Exception {
        var bakery = new Shop(port, tenants, "Complaint Bakery", senders);
        var florist = new Shop(port, tenants, "Complaint Florist", senders);
        var ana = "ana-" + tag + "@example.org";
        bakery.contact("Ana", ana, "regulars");
        florist.contact("Ana", ana, "friends");
        var sent = bakery.campaign("regulars", "Two eclairs for the price of one.");
        bakery.launch(sent);
        var email = received(ana);

        var reply = mailSystem.postRaw(
                HOOK,
                "message/rfc822",
                Reports.load(
                        "yahoo-abuse-report.eml",
                        Map.of(
                                "sender",
                                "offers@" + bakery.domain,
                                "recipient",
                                ana,
                                "messageId",
                                email.getMessageID())));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("event").asString()).isEqualTo("COMPLAINT");
        assertThat(recipient.get("suppressed").asString()).isEqualTo("PLATFORM");
        assertThat(bakery.campaign(sent).get("delivery").get("complaints").asInt())
                .isEqualTo(1);
        var elsewhere = florist.campaign("friends", "Tulips are in.");
        var audience = florist.preflight(elsewhere);
        assertThat(audience.get("eligible").asInt()).isZero();
        assertThat(audience.get("blocked").get("SUPPRESSED").asInt()).isEqualTo(1);
    }

    private static MimeMessage received(String address) {
        Eventually.within(
                Duration.ofSeconds(20),
                "an email to " + address,
                () -> !TestSmtp.receivedBy(address).isEmpty());
        return TestSmtp.receivedBy(address).getFirst();
    }

    /** The message as the recipient's server got it, to be returned inside a bounce. */
    private static String wireForm(MimeMessage email) throws Exception {
        var raw = new ByteArrayOutputStream();
        email.writeTo(raw);
        return raw.toString(StandardCharsets.UTF_8);
    }
}
