package clipcast.campaigns;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.Eventually;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign from composition to the recipients' mailboxes, through the API and a real SMTP server: preflight
 * splits the audience by reason, launch decides and stages it, the operator's clock releases the rest, and every
 * eligible recipient gets one DKIM-signed message with their coupon and a footer from their own consent.
 */
@ClipcastTest
class CampaignFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Senders senders;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Clock clock;

    @Test
    void preflight_and_launch_decide_every_recipient_and_only_the_eligible_receive_one_signed_message()
            throws Exception {
        var shop = new CampaignShop(port, tenants, "Flow Bakery").ready(senders);
        var api = shop.api;
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var consent = List.of(CampaignShop.emailConsent());
        var ana = "ana-" + tag + "@example.org";
        var ben = "ben-" + tag + "@example.org";
        shop.contact("Ana", ana, List.of("vip"), consent);
        shop.contact("Ben", ben, List.of("vip"), consent);
        shop.contact("Cleo", "cleo-" + tag + "@example.org", List.of("vip"), List.of());
        var dan = shop.contact("Dan", "dan-" + tag + "@example.org", List.of("vip"), consent);
        var withdrawal = api.post(
                "/api/v1/contacts/" + dan + "/consents",
                json(
                        "channel", "EMAIL",
                        "purpose", "marketing",
                        "status", "WITHDRAWN",
                        "method", "API",
                        "evidence", json("text", "Asked at the till")));
        assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(201);
        var eve = "eve-" + tag + "@example.org";
        shop.contact("Eve", eve, List.of("vip"), consent);
        assertThat(api.post("/api/v1/suppressions", json("channel", "EMAIL", "address", eve))
                        .status())
                .isIn(200, 201);
        shop.contact("Fay", "fay-" + tag + "@example.org", List.of("other"), consent);
        var offer = api.post(
                "/api/v1/offers",
                json("name", "Free coffee", "discount", json("type", "FREE_ITEM", "text", "One coffee")));
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);

        var id = shop.campaign(json(
                "name", "Saturday coffee",
                "channel", "EMAIL",
                "purpose", "marketing",
                "sender", shop.senderId,
                "audience", json("lists", List.of("vip")),
                "subject", "A coffee for you, {{contact.firstName | friend}}",
                "body", "Hello {{contact.firstName}},\n\nShow {{coupon.code}} at the till: {{coupon.url}}",
                "offerId", offer.json().get("id").asString()));

        var preflight = api.post("/api/v1/campaigns/" + id + "/preflight", json());
        assertThat(preflight.status()).as(preflight.body()).isEqualTo(200);
        var report = preflight.json();
        assertThat(report.get("ready").asBoolean()).as(preflight.body()).isTrue();
        assertThat(report.get("audience").get("total").asInt()).isEqualTo(5);
        assertThat(report.get("audience").get("eligible").asInt()).isEqualTo(2);
        assertThat(report.get("audience").get("blocked").get("NO_CONSENT").asInt())
                .isEqualTo(1);
        assertThat(report.get("audience")
                        .get("blocked")
                        .get("CONSENT_WITHDRAWN")
                        .asInt())
                .isEqualTo(1);
        assertThat(report.get("audience").get("blocked").get("SUPPRESSED").asInt())
                .isEqualTo(1);
        assertThat(report.get("stagedRelease").get("required").asBoolean()).isTrue();
        assertThat(report.get("stagedRelease").get("reasons").toString()).contains("NEW_ACCOUNT");
        assertThat(report.get("footerPreview").asString())
                .contains("Corner Bakery SARL", "12 rue des Lilas", "you subscribed on https://bakery.example/signup");
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asString())
                .isEqualTo("CHECKED");

        var launch = api.post("/api/v1/campaigns/" + id + "/launch", json());
        assertThat(launch.status()).as(launch.body()).isEqualTo(202);
        assertThat(launch.json().get("status").asString()).isEqualTo("SAMPLING");
        assertThat(launch.json().get("stagedRelease").get("sampleSize").asInt()).isEqualTo(1);
        var statuses = clipcast.tenancy.TenantScope.call(
                shop.tenant.id(),
                () -> jdbc.sql(
                                "SELECT status || ':' || count(*) FROM outbox_message WHERE campaign_id = ?::uuid GROUP BY status")
                        .param(id)
                        .query(String.class)
                        .list());
        assertThat(statuses).as("one held back, one on its way").hasSize(2).contains("HELD:1");

        Eventually.STATE.set(() -> " / messages: "
                + api.get("/api/v1/campaigns/" + id + "/messages").body());
        // The sample (1 of 2) goes out; the rest waits for the hold.
        Eventually.within(
                Duration.ofSeconds(20),
                "the sample is sent",
                () -> TestSmtp.receivedBy(ana).size() + TestSmtp.receivedBy(ben).size() == 1);
        var blocked = api.get("/api/v1/campaigns/" + id + "/messages?status=blocked&reason=NO_CONSENT")
                .json();
        assertThat(blocked.get("items")).hasSize(1);
        var badReason = api.get("/api/v1/campaigns/" + id + "/messages?reason=NO%00CONSENT");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.body()).contains("INVALID_REASON");
        assertThat(api.get("/api/v1/campaigns/" + id + "/messages?status=held")
                        .json()
                        .get("items"))
                .hasSize(1);

        // The hold ends (the clock moves on): under the thresholds, the rest is released.
        campaigns.advance(clock.instant().plus(Duration.ofHours(7)));
        Eventually.within(
                Duration.ofSeconds(20),
                "both are sent",
                () -> TestSmtp.receivedBy(ana).size() == 1
                        && TestSmtp.receivedBy(ben).size() == 1);
        Eventually.within(
                Duration.ofSeconds(20),
                "the campaign is done",
                () -> api.get("/api/v1/campaigns/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("DONE"));

        assertThat(TestSmtp.receivedBy(eve)).as("suppressed").isEmpty();
        MimeMessage message = TestSmtp.receivedBy(ana).getFirst();
        assertThat(message.getSubject()).isEqualTo("A coffee for you, Ana");
        assertThat(message.getHeader("List-Unsubscribe")[0]).contains("/u/", "mailto:");
        assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("Reply-To")[0]).isEqualTo("owner@" + shop.domain);
        var text =
                (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        assertThat(text)
                .startsWith("Hello Ana,")
                .contains("/c/")
                .contains("You receive this because you subscribed on https://bakery.example/signup")
                .contains("Corner Bakery SARL, 12 rue des Lilas");
        var html =
                (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
        assertThat(html).contains("/r/", "/o/");
        var click = html.replaceAll("(?s).*?href=\"[^\"]*(/r/[^\"]+)\".*", "$1");
        var redirect = new clipcast.support.HttpApi(port, null).getPublic(click);
        assertThat(redirect.status()).as(click).isEqualTo(302);
        assertThat(redirect.header("Location")).contains("/c/");
        var dkim = api.get("/api/v1/senders/" + shop.senderId)
                .json()
                .get("dkim")
                .get("value")
                .asString();
        var raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        var verified = new DKIMVerifier((method, selector, domain) -> List.of(dkim))
                .verify(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(verified).isNotEmpty();

        var delivery = api.get("/api/v1/campaigns/" + id).json().get("delivery");
        assertThat(delivery.get("sent").asInt()).isEqualTo(2);
        var sent = api.get("/api/v1/campaigns/" + id + "/messages?status=sent")
                .json()
                .get("items");
        assertThat(sent).hasSize(2);
    }

    @Test
    void the_same_message_again_within_the_window_is_blocked_as_a_duplicate() {
        var shop = new CampaignShop(port, tenants, "Duplicate Bakery").ready(senders);
        var tag = UUID.randomUUID().toString().substring(0, 8);
        shop.contact("Gus", "gus-" + tag + "@example.org", List.of("all"), List.of(CampaignShop.emailConsent()));
        var body = json(
                "name", "Weekend",
                "channel", "EMAIL",
                "purpose", "marketing",
                "sender", shop.senderId,
                "audience", json("lists", List.of("all")),
                "subject", "This weekend, {{contact.firstName}}",
                "body", "Croissants are 2 for 1 this weekend.",
                "stagedRelease", "AUTO");
        var first = shop.campaign(body);
        assertThat(shop.api
                        .post("/api/v1/campaigns/" + first + "/launch", json())
                        .status())
                .isEqualTo(202);

        var second = shop.campaign(body);
        var preflight = shop.api
                .post("/api/v1/campaigns/" + second + "/preflight", json())
                .json();

        assertThat(preflight.get("audience").get("eligible").asInt()).isZero();
        assertThat(preflight
                        .get("audience")
                        .get("blocked")
                        .get("DUPLICATE_CONTENT")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void a_campaign_with_unknown_merge_fields_or_no_audience_is_refused_field_by_field() {
        var shop = new CampaignShop(port, tenants, "Bad Input Bakery");
        var reply = shop.api.post(
                "/api/v1/campaigns",
                json(
                        "name", "",
                        "channel", "FAX",
                        "purpose", "marketing",
                        "audience", json(),
                        "body", "Hi {{contact.password}} {{coupon.code}}",
                        "stagedRelease", "NEVER"));

        assertThat(reply.status()).isEqualTo(400);
        var fields = reply.json().get("errors").findValuesAsString("field");
        assertThat(fields).contains("name", "channel", "sender", "audience", "body", "stagedRelease");
        assertThat(reply.body())
                .contains("UNKNOWN_MERGE_FIELD", "COUPON_FIELD_WITHOUT_OFFER", "INVALID_STAGED_RELEASE");
        var channelError = java.util.stream.StreamSupport.stream(
                        reply.json().get("errors").spliterator(), false)
                .filter(error -> error.get("field").asString().equals("channel"))
                .findFirst()
                .orElseThrow();
        assertThat(channelError.get("code").asString()).isEqualTo("INVALID_CHANNEL");
        assertThat(channelError.get("message").asString()).contains("EMAIL", "SMS", "PUSH");
        assertThat(shop.api.get("/api/v1/campaigns").json().get("items")).isEmpty();
    }
}
