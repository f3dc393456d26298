package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectionPolicyTest {

    final Policy policy = new ObjectionPolicy();

    @Test
    void a_person_who_objected_is_blocked_with_OBJECTED() {
        assertThat(policy.decide(aRecipient().objected().build(), aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.OBJECTED));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
