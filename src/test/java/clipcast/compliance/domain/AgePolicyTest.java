package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AgePolicyTest {

    final Policy policy = new AgePolicy();

    @Test
    void someone_a_day_short_of_sixteen_is_blocked_with_UNDERAGE() {
        var recipient = aRecipient().bornOn(LocalDate.of(2010, 6, 11)).build();

        assertThat(policy.decide(recipient, aSending().build())).isEqualTo(new Decision.Block(ReasonCode.UNDERAGE));
    }

    @Test
    void someone_sixteen_today_or_of_unknown_age_is_allowed() {
        assertThat(policy.decide(
                        aRecipient().bornOn(LocalDate.of(2010, 6, 10)).build(),
                        aSending().build()))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
