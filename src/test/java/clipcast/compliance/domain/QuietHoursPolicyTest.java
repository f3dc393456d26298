package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursPolicyTest {

    final Policy policy = new QuietHoursPolicy(QuietHours.load(
            Screenings.resource("/compliance/quiet-hours.tsv"),
            Screenings.resource("/compliance/public-holidays.tsv")));

    @Test
    void an_sms_at_night_in_the_recipients_zone_is_deferred_with_QUIET_HOURS_not_dropped() {
        var lateInParis = Instant.parse("2026-06-10T21:30:00Z"); // 23:30 in Paris
        var decision = policy.decide(
                aRecipient().in("FR", "Europe/Paris").build(),
                aSending().at(lateInParis).build());

        assertThat(decision)
                .isEqualTo(new Decision.Defer(Instant.parse("2026-06-11T06:00:00Z"), ReasonCode.QUIET_HOURS));
    }

    @Test
    void the_same_moment_is_midday_elsewhere_and_allowed() {
        var lateInParis = Instant.parse("2026-06-10T21:30:00Z"); // 17:30 in New York
        assertThat(policy.decide(
                        aRecipient().build(), aSending().at(lateInParis).build()))
                .isInstanceOf(Decision.Allow.class);
    }
}
