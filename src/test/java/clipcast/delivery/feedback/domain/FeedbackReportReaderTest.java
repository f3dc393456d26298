package clipcast.delivery.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.feedback.Reports;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports as real mail systems write them, read into what the hook acts on. */
class FeedbackReportReaderTest {

    static final String MESSAGE_ID = "<0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b@shop.example>";
    static final Map<String, String> VALUES =
            Map.of("sender", "offers@shop.example", "recipient", "ana@example.org", "messageId", MESSAGE_ID);

    @Test
    void a_postfix_bounce_gives_the_recipient_its_status_and_the_returned_message_id() {
        var report = (InboundReport.DeliveryStatus) read("postfix-user-unknown.eml", VALUES);

        assertThat(report.originalMessageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reportingMta()).isEqualTo("dns; mail.clipcast.example");
        assertThat(report.recipients()).singleElement().satisfies(recipient -> {
            assertThat(recipient.originalRecipient()).isEqualTo("ana@example.org");
            assertThat(recipient.finalRecipient()).isEqualTo("ana@example.org");
            assertThat(recipient.action()).isEqualTo("failed");
            assertThat(recipient.status()).isEqualTo(new EnhancedStatus(5, 1, 1));
            assertThat(recipient.diagnostic())
                    .isEqualTo("smtp; 550 5.1.1 <ana@example.org>: Recipient address rejected: User unknown in"
                            + " virtual mailbox table");
        });
    }

    @Test
    void the_same_bounce_with_crlf_line_ends_reads_the_same() {
        var lf = read("postfix-user-unknown.eml", VALUES);
        var crlf = ReportReader.read(Reports.load("postfix-user-unknown.eml", VALUES)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(crlf).isEqualTo(lf);
    }

    @Test
    void a_postfix_delay_warning_quotes_a_folded_message_id_in_its_returned_headers() {
        var report = (InboundReport.DeliveryStatus) read("postfix-delayed.eml", VALUES);

        assertThat(report.originalMessageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.recipients().getFirst().action()).isEqualTo("delayed");
        assertThat(report.recipients().getFirst().status()).isEqualTo(new EnhancedStatus(4, 4, 1));
    }

    @Test
    void an_exchange_online_report_is_read_past_its_human_readable_alternative_parts() {
        var report = (InboundReport.DeliveryStatus) read("exchange-online-mailbox-full.eml", VALUES);

        assertThat(report.originalMessageId()).isEqualTo(MESSAGE_ID);
        var recipient = report.recipients().getFirst();
        assertThat(recipient.status()).isEqualTo(new EnhancedStatus(5, 2, 2));
        assertThat(recipient.diagnostic()).startsWith("smtp;554 5.2.2 mailbox full;");
    }

    @Test
    void an_exim_bounce_without_the_returned_message_has_no_message_id_and_a_normalised_recipient() {
        var values = new HashMap<>(VALUES);
        values.put("recipient", "Ana@EXAMPLE.org");

        var report = (InboundReport.DeliveryStatus) read("exim-failed-without-original.eml", values);

        assertThat(report.originalMessageId()).isNull();
        var recipient = report.recipients().getFirst();
        assertThat(recipient.finalRecipient()).isEqualTo("ana@example.org");
        assertThat(recipient.originalRecipient()).isNull();
        assertThat(recipient.reportedRecipient()).isEqualTo("Ana@EXAMPLE.org");
        assertThat(recipient.addresses()).containsExactly("ana@example.org");
        assertThat(recipient.status()).isEqualTo(new EnhancedStatus(5, 0, 0));
    }

    @Test
    void a_yahoo_abuse_report_gives_its_type_agent_recipient_and_the_reported_message_id() {
        var report = (InboundReport.Feedback) read("yahoo-abuse-report.eml", VALUES);

        assertThat(report.feedbackType()).isEqualTo("abuse");
        assertThat(report.userAgent()).isEqualTo("Yahoo!-Mail-Feedback/2.0");
        assertThat(report.originalMessageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reportedRecipients()).first().isEqualTo("ana@example.org");
    }

    @Test
    void an_abuse_report_with_headers_only_and_no_message_id_still_names_the_original_recipient() {
        var values = new HashMap<>(VALUES);
        values.put("feedbackType", "Fraud");

        var report = (InboundReport.Feedback) read("arf-abuse-headers-only.eml", values);

        assertThat(report.feedbackType()).isEqualTo("fraud");
        assertThat(report.originalMessageId()).isNull();
        assertThat(report.reportedRecipients()).containsExactly("ana@example.org");
    }

    @Test
    void an_internationalised_report_gives_the_recipient_domain_in_punycode() {
        var raw = """
                From: Mail Delivery System <MAILER-DAEMON@mx.example>
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: message/global-delivery-status

                Reporting-MTA: dns; mx.example

                Final-Recipient: rfc822; Ana@Bücher.example
                Action: failed
                Status: 5.1.2

                --b--
                """;

        var report = (InboundReport.DeliveryStatus) ReportReader.read(raw.getBytes(StandardCharsets.UTF_8));

        assertThat(report.recipients().getFirst().finalRecipient()).isEqualTo("ana@xn--bcher-kva.example");
    }

    @Test
    void an_out_of_office_reply_is_an_auto_reply_and_a_read_receipt_an_unsupported_report() {
        assertThat(read("out-of-office.eml", VALUES)).isEqualTo(new InboundReport.Ignored("AUTO_REPLY", "text/plain"));
        assertThat(read("read-receipt.eml", VALUES))
                .isEqualTo(new InboundReport.Ignored("UNSUPPORTED_REPORT_TYPE", "disposition-notification"));
    }

    @Test
    void a_report_without_its_machine_readable_part_is_ignored_with_the_reason() {
        var withoutStatus = Reports.load("postfix-user-unknown.eml", VALUES)
                .replace("Content-Type: message/delivery-status", "Content-Type: text/plain");
        var withoutFeedback = Reports.load("yahoo-abuse-report.eml", VALUES)
                .replace("Content-Type: message/feedback-report", "Content-Type: text/plain");

        assertThat(ReportReader.read(withoutStatus.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Ignored("NO_DELIVERY_STATUS", null));
        assertThat(ReportReader.read(withoutFeedback.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Ignored("NO_FEEDBACK_REPORT", null));
    }

    @Test
    void a_report_with_more_recipients_than_any_of_ours_can_have_is_ignored_whole() {
        var groups = new StringBuilder();
        for (int i = 0; i <= ReportReader.MAX_RECIPIENTS; i++) {
            groups.append("Final-Recipient: rfc822; r")
                    .append(i)
                    .append("@example.org\nAction: failed\nStatus: 5.1.1\n\n");
        }
        var raw = "From: MAILER-DAEMON@mx.example\nContent-Type: multipart/report; report-type=delivery-status;"
                + " boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
                + groups + "--b--\n";

        assertThat(ReportReader.read(raw.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Ignored("TOO_MANY_RECIPIENTS", "101"));
    }

    @Test
    void what_is_no_message_or_has_a_broken_mime_structure_is_unreadable() {
        assertThat(ReportReader.read("hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Unreadable("NOT_A_MESSAGE"));
        assertThat(ReportReader.read("{\"email\": \"ana@example.org\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Unreadable("NOT_A_MESSAGE"));
        assertThat(ReportReader.read(
                        "From: a@example.org\nContent-Type: multipart/report; report-type=delivery-status\n\nx"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Unreadable("MALFORMED_MIME"));
        assertThat(ReportReader.read(
                        "Content-Type: text/plain; charset=\"open\n\nbody".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new InboundReport.Unreadable("MALFORMED_MIME"));
    }

    private static InboundReport read(String name, Map<String, String> values) {
        return ReportReader.read(Reports.bytes(name, values));
    }
}
