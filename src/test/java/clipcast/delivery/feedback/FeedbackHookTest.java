package clipcast.delivery.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.delivery.Outbox;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.Tenant;
import clipcast.tenancy.TenantScope;
import clipcast.web.ApiProblems;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * The feedback hook over real HTTP: bounces and complaints as Postfix, Exim, Exchange Online and Yahoo write them,
 * posted by the mail system with the shared secret, become delivery events of the outbox message they name and
 * suppress its recipient; everything else is ignored or refused, never a server error.
 */
@ClipcastTest
class FeedbackHookTest {

    private static final String HOOK = "/hooks/email/inbound";

    @LocalServerPort
    int port;

    @Value("${clipcast.feedback.inbound-secret}")
    String secret;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Consents consents;

    @Autowired
    Outbox outbox;

    @Autowired
    FeedbackReports reports;

    @Autowired
    ApiProblems problems;

    HttpApi mailSystem;
    SentEmails emails;
    Tenant shop;
    Tenant otherShop;
    String address;

    @BeforeEach
    void setUp() {
        mailSystem = new HttpApi(port, secret);
        emails = new SentEmails(jdbc);
        shop = tenants.create("Feedback Bakery").tenant();
        otherShop = tenants.create("Feedback Florist").tenant();
        address = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void a_postfix_bounce_for_an_unknown_user_is_a_HARD_BOUNCE_that_suppresses_the_address_for_its_tenant() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var reply = post("postfix-user-unknown.eml", sent.report());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var json = reply.json();
        assertThat(json.get("outcome").asString()).isEqualTo("PROCESSED");
        assertThat(json.get("type").asString()).isEqualTo("DELIVERY_STATUS");
        assertThat(json.get("originalMessageId").asString()).isEqualTo(sent.messageId());
        var recipient = json.get("recipients").get(0);
        assertThat(recipient.get("address").asString()).isEqualTo(address);
        assertThat(recipient.get("action").asString()).isEqualTo("failed");
        assertThat(recipient.get("status").asString()).isEqualTo("5.1.1");
        assertThat(recipient.get("event").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(recipient.get("result").asString()).isEqualTo("RECORDED");
        assertThat(recipient.get("matchedBy").asString()).isEqualTo("MESSAGE_ID");
        assertThat(recipient.get("messageId").asString()).isEqualTo(sent.id().toString());
        assertThat(recipient.get("suppressed").asString()).isEqualTo("TENANT");
        assertThat(emails.events(sent)).containsExactly("HARD_BOUNCE");
        assertThat(reasons(shop, address)).containsExactly(SuppressionReason.HARD_BOUNCE);
        assertThat(reasons(otherShop, address))
                .as("a hard bounce holds for its tenant")
                .isEmpty();
    }

    @Test
    void the_same_bounce_posted_twice_is_counted_once() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var first = post("postfix-user-unknown.eml", sent.report());
        var again = post("postfix-user-unknown.eml", sent.report());

        assertThat(first.json().get("recipients").get(0).get("result").asString())
                .isEqualTo("RECORDED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("recipients").get(0).get("result").asString())
                .isEqualTo("ALREADY_RECORDED");
        assertThat(emails.events(sent)).containsExactly("HARD_BOUNCE");
        var delivery = TenantScope.call(shop.id(), () -> outbox.delivery(sent.campaignId()));
        assertThat(delivery.hardBounces()).as("what staged release reads").isEqualTo(1);
        assertThat(reasons(shop, address)).containsExactly(SuppressionReason.HARD_BOUNCE);
    }

    @Test
    void a_delay_warning_is_a_SOFT_BOUNCE_and_suppresses_nothing() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var reply = post("postfix-delayed.eml", sent.report());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("action").asString()).isEqualTo("delayed");
        assertThat(recipient.get("status").asString()).isEqualTo("4.4.1");
        assertThat(recipient.get("event").asString()).isEqualTo("SOFT_BOUNCE");
        assertThat(recipient.get("result").asString()).isEqualTo("RECORDED");
        assertThat(recipient.has("suppressed")).isFalse();
        assertThat(emails.events(sent)).containsExactly("SOFT_BOUNCE");
        assertThat(reasons(shop, address)).isEmpty();
        var delivery = TenantScope.call(shop.id(), () -> outbox.delivery(sent.campaignId()));
        assertThat(delivery.softBounces()).isEqualTo(1);
        assertThat(delivery.hardBounces()).isZero();
    }

    @Test
    void a_full_mailbox_is_a_soft_bounce_even_when_Exchange_reports_it_as_permanent_5_2_2() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var reply = post("exchange-online-mailbox-full.eml", sent.report());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("action").asString()).isEqualTo("failed");
        assertThat(recipient.get("status").asString()).isEqualTo("5.2.2");
        assertThat(recipient.get("event").asString()).isEqualTo("SOFT_BOUNCE");
        assertThat(emails.events(sent)).containsExactly("SOFT_BOUNCE");
        assertThat(reasons(shop, address)).isEmpty();
    }

    @Test
    void a_bounce_without_the_returned_message_is_tied_to_the_latest_email_sent_to_the_recipient() {
        var older = emails.sent(shop.id(), address, Instant.now().minus(Duration.ofDays(3)));
        var latest = emails.sent(shop.id(), address, Instant.now().minus(Duration.ofMinutes(5)));
        var reported = address.replace("@example.org", "@EXAMPLE.org.");

        var reply =
                post("exim-failed-without-original.eml", Map.of("sender", SentEmails.SENDER, "recipient", reported));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("status").asString()).isEqualTo("5.0.0");
        assertThat(recipient.get("event").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(recipient.get("matchedBy").asString()).isEqualTo("RECIPIENT");
        assertThat(recipient.get("messageId").asString()).isEqualTo(latest.id().toString());
        assertThat(emails.events(latest)).containsExactly("HARD_BOUNCE");
        assertThat(emails.events(older)).isEmpty();
        assertThat(reasons(shop, address)).containsExactly(SuppressionReason.HARD_BOUNCE);
    }

    @Test
    void a_bounce_of_a_message_that_is_not_ours_records_nothing_even_for_an_address_we_wrote_to() {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var values = new HashMap<>(sent.report());
        values.put("messageId", "<CAF=xK7q9s0Y@mail.gmail.com>");

        var reply = post("postfix-user-unknown.eml", values);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("result").asString()).isEqualTo("NO_MESSAGE");
        assertThat(recipient.get("reason").asString()).isEqualTo("NOT_OUR_MESSAGE");
        assertThat(emails.events(sent)).isEmpty();
        assertThat(reasons(shop, address)).isEmpty();
    }

    @Test
    void a_yahoo_abuse_report_is_a_COMPLAINT_that_suppresses_the_address_on_the_whole_platform() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var reply = post("yahoo-abuse-report.eml", sent.report());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var json = reply.json();
        assertThat(json.get("outcome").asString()).isEqualTo("PROCESSED");
        assertThat(json.get("type").asString()).isEqualTo("FEEDBACK_REPORT");
        var recipient = json.get("recipients").get(0);
        assertThat(recipient.get("feedbackType").asString()).isEqualTo("abuse");
        assertThat(recipient.get("event").asString()).isEqualTo("COMPLAINT");
        assertThat(recipient.get("result").asString()).isEqualTo("RECORDED");
        assertThat(recipient.get("matchedBy").asString()).isEqualTo("MESSAGE_ID");
        assertThat(recipient.get("suppressed").asString()).isEqualTo("PLATFORM");
        assertThat(emails.events(sent)).containsExactly("COMPLAINT");
        assertThat(reasons(shop, address)).containsExactly(SuppressionReason.COMPLAINT);
        assertThat(reasons(otherShop, address)).containsExactly(SuppressionReason.COMPLAINT);
        assertThat(TenantScope.call(shop.id(), () -> outbox.delivery(sent.campaignId()))
                        .complaints())
                .isEqualTo(1);

        var again = post("yahoo-abuse-report.eml", sent.report());
        assertThat(again.json().get("recipients").get(0).get("result").asString())
                .isEqualTo("ALREADY_RECORDED");
        assertThat(emails.events(sent)).containsExactly("COMPLAINT");
    }

    @Test
    void an_abuse_report_without_a_message_id_is_tied_to_the_latest_email_sent_to_the_original_recipient() {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var values = new HashMap<>(sent.report());
        values.put("feedbackType", "abuse");

        var reply = post("arf-abuse-headers-only.eml", values);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var recipient = reply.json().get("recipients").get(0);
        assertThat(recipient.get("event").asString()).isEqualTo("COMPLAINT");
        assertThat(recipient.get("matchedBy").asString()).isEqualTo("RECIPIENT");
        assertThat(emails.events(sent)).containsExactly("COMPLAINT");
        assertThat(reasons(otherShop, address)).containsExactly(SuppressionReason.COMPLAINT);
    }

    @Test
    void a_not_spam_report_is_ignored() {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var values = new HashMap<>(sent.report());
        values.put("feedbackType", "not-spam");

        var reply = post("arf-abuse-headers-only.eml", values);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("IGNORED");
        assertThat(reply.json().get("reason").asString()).isEqualTo("NOT_SPAM");
        assertThat(emails.events(sent)).isEmpty();
        assertThat(reasons(shop, address)).isEmpty();
    }

    @Test
    void an_out_of_office_reply_and_a_read_receipt_are_ignored() {
        var sent = emails.sent(shop.id(), address, Instant.now());

        var autoReply = post("out-of-office.eml", sent.report());
        var receipt = post("read-receipt.eml", sent.report());

        assertThat(autoReply.status()).isEqualTo(200);
        assertThat(autoReply.json().get("outcome").asString()).isEqualTo("IGNORED");
        assertThat(autoReply.json().get("reason").asString()).isEqualTo("AUTO_REPLY");
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.json().get("reason").asString()).isEqualTo("UNSUPPORTED_REPORT_TYPE");
        assertThat(receipt.json().get("detail").asString()).isEqualTo("disposition-notification");
        assertThat(emails.events(sent)).isEmpty();
    }

    @Test
    void garbage_is_ignored_or_refused_with_a_400_never_a_500_and_records_nothing() {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var bounce = Reports.load("postfix-user-unknown.eml", sent.report());
        var noise = new byte[4096];
        new Random(7).nextBytes(noise);
        var bodies = List.of(
                "hello".getBytes(StandardCharsets.UTF_8),
                "{\"type\": \"bounce\", \"email\": \"x@example.org\"}".getBytes(StandardCharsets.UTF_8),
                noise,
                ("From: a@example.org\nContent-Type: multipart/report; report-type=delivery-status\n\nno boundary")
                        .getBytes(StandardCharsets.UTF_8),
                bounce.replace("boundary=\"4Yk2Lq1ZrTz9sQm", "boundary=\"elsewhere")
                        .getBytes(StandardCharsets.UTF_8),
                bounce.substring(0, bounce.indexOf("Action: failed") + 10).getBytes(StandardCharsets.UTF_8),
                ("Content-Type: text/plain; charset=\"unterminated\n\nbody").getBytes(StandardCharsets.UTF_8),
                bounce.replace(
                                bounce.substring(
                                        bounce.indexOf("Reporting-MTA"),
                                        bounce.indexOf(
                                                "--4Yk2Lq1ZrTz9sQm.1768386067/mail.clipcast.example\nContent-Description: Undelivered")),
                                new String(noise, StandardCharsets.ISO_8859_1) + "\n\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                ("From: a@example.org\nContent-Type: multipart/report; report-type=feedback-report; boundary=b\n\n"
                                + "--b\n\n--b--\n")
                        .getBytes(StandardCharsets.UTF_8));

        for (var body : bodies) {
            var reply = postBytes("message/rfc822", body);

            assertThat(reply.status()).as(reply.body()).isIn(200, 400);
            if (reply.status() == 400) {
                assertThat(reply.json().get("code").asString()).isEqualTo("MALFORMED_MESSAGE");
            } else {
                assertThat(reply.json().get("outcome").asString())
                        .as(reply.body())
                        .isIn("IGNORED", "PROCESSED");
            }
        }
        assertThat(emails.events(sent)).isEmpty();
        assertThat(reasons(shop, address)).isEmpty();
    }

    @Test
    void an_empty_body_is_a_400() {
        var reply = postBytes("message/rfc822", "\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("EMPTY_REPORT");
    }

    @Test
    void a_wrong_or_missing_secret_is_a_401_and_the_report_is_not_read() {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var report = Reports.load("postfix-user-unknown.eml", sent.report());

        var wrong = mailSystem.withKey("not-the-secret-0123456789").postRaw(HOOK, "message/rfc822", report);
        var anonymous = new HttpApi(port, null);
        var missing = anonymous.postRaw(HOOK, "message/rfc822", report);
        var basic = anonymous.send(anonymous
                .request(HOOK)
                .header("Authorization", "Basic " + secret)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString(report)));

        for (var reply : List.of(wrong, missing, basic)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(reply.json().get("code").asString()).isEqualTo("HOOK_UNAUTHENTICATED");
        }
        assertThat(emails.events(sent)).isEmpty();
        assertThat(reasons(shop, address)).isEmpty();
    }

    @Test
    void a_body_that_is_not_a_message_is_a_415() {
        var reply = mailSystem.postRaw(HOOK, "application/json", "{\"bounce\": true}");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().get("code").asString()).isEqualTo("MESSAGE_EXPECTED");
    }

    @Test
    void a_message_over_the_size_limit_is_a_413() {
        var huge = "From: a@example.org\n\n" + "x".repeat(5 * 1024 * 1024);

        var announced = mailSystem.postRaw(HOOK, "text/plain", huge);
        var chunked = mailSystem.send(mailSystem
                .request(HOOK)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));

        for (var reply : List.of(announced, chunked)) {
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void without_a_configured_secret_the_hook_answers_503_and_reads_nothing() throws Exception {
        var sent = emails.sent(shop.id(), address, Instant.now());
        var unconfigured = new InboundFeedbackController(reports, problems, "", DataSize.ofMegabytes(5));
        var body = Reports.bytes("postfix-user-unknown.eml", sent.report());

        var reply = unconfigured.receive(
                "Bearer anything-at-all-0123456789",
                "message/rfc822",
                (long) body.length,
                new ByteArrayInputStream(body));

        assertThat(reply.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) reply.getBody()).getProperties()).containsEntry("code", "FEEDBACK_NOT_CONFIGURED");
        assertThat(emails.events(sent)).isEmpty();
    }

    private HttpApi.Reply post(String report, Map<String, String> values) {
        return mailSystem.postRaw(HOOK, "message/rfc822", Reports.load(report, values));
    }

    private HttpApi.Reply postBytes(String contentType, byte[] body) {
        return mailSystem.send(mailSystem
                .request(HOOK)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private List<SuppressionReason> reasons(Tenant tenant, String email) {
        return TenantScope.call(tenant.id(), () -> consents.suppressionReasons(Channel.EMAIL, email));
    }
}
