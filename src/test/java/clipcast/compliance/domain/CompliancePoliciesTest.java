package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompliancePoliciesTest {

    final CompliancePolicies policies = new CompliancePolicies(QuietHours.load(
            Screenings.resource("/compliance/quiet-hours.tsv"),
            Screenings.resource("/compliance/public-holidays.tsv")));

    @Test
    void suppression_beats_consent_and_is_the_recorded_reason() {
        var decision =
                policies.decide(aRecipient().suppressed().build(), aSending().build());

        assertThat(decision).isEqualTo(new Decision.Block(ReasonCode.SUPPRESSED));
    }

    @Test
    void a_frozen_account_is_the_reason_before_anything_about_the_recipient() {
        var decision = policies.decide(
                aRecipient()
                        .suppressed()
                        .withConsent(Recipient.ConsentState.NONE)
                        .build(),
                aSending().fromAFrozenAccount().build());

        assertThat(decision).isEqualTo(new Decision.Block(ReasonCode.ACCOUNT_FROZEN));
    }

    @Test
    void a_block_wins_over_waiting_for_the_quiet_hours_to_end() {
        var night = Instant.parse("2026-06-10T05:00:00Z"); // 01:00 in New York
        var decision = policies.decide(
                aRecipient().withConsent(Recipient.ConsentState.NONE).build(),
                aSending().at(night).build());

        assertThat(decision).isEqualTo(new Decision.Block(ReasonCode.NO_CONSENT));
    }

    @Test
    void an_eligible_recipient_at_night_is_deferred_and_by_day_allowed() {
        var night = Instant.parse("2026-06-10T05:00:00Z");

        assertThat(policies.decide(aRecipient().build(), aSending().at(night).build()))
                .isInstanceOf(Decision.Defer.class);
        assertThat(policies.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
