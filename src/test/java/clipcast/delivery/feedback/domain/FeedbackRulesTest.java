package clipcast.delivery.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a recipient's delivery status and an abuse report's type amount to. */
class FeedbackRulesTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
        "failed,    5.1.1, HardBounce",
        "failed,    5.1.10, HardBounce",
        "failed,    5.0.0, HardBounce",
        "failed,    5.4.4, HardBounce",
        "failed,    5.7.1, HardBounce",
        "'',        5.1.1, HardBounce",
        "failed,    5.2.2, SoftBounce",
        "failed,    5.3.1, SoftBounce",
        "failed,    5.4.5, SoftBounce",
        "failed,    4.4.7, SoftBounce",
        "delayed,   4.4.1, SoftBounce",
        "delayed,   5.1.1, SoftBounce",
        "delivered, 2.0.0, NoAction",
        "relayed,   2.0.0, NoAction",
        "expanded,  2.0.0, NoAction",
        "failed,    2.0.0, NoAction"
    })
    void a_permanent_failure_is_hard_unless_rfc_3463_calls_it_persistent_transient(
            String action, String status, String verdict) {
        var recipient = new RecipientStatus(
                "ana@example.org",
                "ana@example.org",
                "ana@example.org",
                action,
                EnhancedStatus.parse(status).orElseThrow(),
                null);

        assertThat(BounceRules.judge(recipient).getClass().getSimpleName()).isEqualTo(verdict);
    }

    @Test
    void a_failure_without_any_status_asks_for_nothing() {
        var recipient = new RecipientStatus("ana@example.org", null, "ana@example.org", "failed", null, null);

        assertThat(BounceRules.judge(recipient)).isEqualTo(new Verdict.NoAction("NO_STATUS"));
    }

    @Test
    void a_status_is_read_from_its_field_or_found_in_a_diagnostic_but_not_in_an_ip_address() {
        assertThat(EnhancedStatus.parse("5.1.1 (bad destination mailbox address)"))
                .contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.parse("X-Unix; 5.1.1")).isEmpty();
        assertThat(EnhancedStatus.find("smtp; 550 5.1.1 <ana@example.org>: User unknown"))
                .contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.find("smtp; 550 host 10.5.1.12 said no")).isEmpty();
        assertThat(EnhancedStatus.find("smtp; 550 No such user")).isEmpty();
        assertThat(EnhancedStatus.parse("3.1.1")).isEmpty();
        assertThatThrownBy(() -> new EnhancedStatus(3, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"abuse", "fraud", "virus", "other", "' Abuse '", "opt-out"})
    void abuse_fraud_virus_other_and_unknown_types_are_complaints(String type) {
        assertThat(ComplaintRules.judge(type)).isInstanceOf(Verdict.Complaint.class);
    }

    @Test
    void not_spam_authentication_failures_and_reports_without_a_type_are_no_complaint() {
        assertThat(ComplaintRules.judge("not-spam")).isEqualTo(new Verdict.NoAction("NOT_SPAM"));
        assertThat(ComplaintRules.judge("auth-failure")).isEqualTo(new Verdict.NoAction("AUTH_FAILURE_REPORT"));
        assertThat(ComplaintRules.judge(null)).isEqualTo(new Verdict.NoAction("NO_FEEDBACK_TYPE"));
        assertThat(ComplaintRules.judge(" ")).isEqualTo(new Verdict.NoAction("NO_FEEDBACK_TYPE"));
    }
}
