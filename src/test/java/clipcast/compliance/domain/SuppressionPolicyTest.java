package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuppressionPolicyTest {

    final Policy policy = new SuppressionPolicy();

    @Test
    void a_suppressed_address_is_blocked_with_SUPPRESSED_even_with_consent() {
        assertThat(policy.decide(aRecipient().suppressed().build(), aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.SUPPRESSED));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
