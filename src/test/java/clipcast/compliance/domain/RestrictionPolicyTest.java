package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestrictionPolicyTest {

    final Policy policy = new RestrictionPolicy();

    @Test
    void a_restricted_person_is_blocked_with_RESTRICTED() {
        assertThat(policy.decide(aRecipient().restricted().build(), aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.RESTRICTED));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
