package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaPolicyTest {

    final Policy policy = new QuotaPolicy();

    @Test
    void without_credits_a_message_is_blocked_with_QUOTA_EXCEEDED() {
        assertThat(policy.decide(aRecipient().build(), aSending().withCredits(0).build()))
                .isEqualTo(new Decision.Block(ReasonCode.QUOTA_EXCEEDED));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().withCredits(1).build()))
                .isInstanceOf(Decision.Allow.class);
    }
}
