package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrequencyCapPolicyTest {

    final Policy policy = new FrequencyCapPolicy();

    @Test
    void reaching_the_cap_blocks_with_FREQUENCY_CAP() {
        assertThat(policy.decide(
                        aRecipient().build(),
                        aSending().afterMessagesInCapWindow(3, 3).build()))
                .isEqualTo(new Decision.Block(ReasonCode.FREQUENCY_CAP));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(
                        aRecipient().build(),
                        aSending().afterMessagesInCapWindow(2, 3).build()))
                .isInstanceOf(Decision.Allow.class);
    }
}
