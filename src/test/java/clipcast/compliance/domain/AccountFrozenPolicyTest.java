package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountFrozenPolicyTest {

    final Policy policy = new AccountFrozenPolicy();

    @Test
    void a_frozen_account_sends_nothing_with_ACCOUNT_FROZEN() {
        assertThat(policy.decide(
                        aRecipient().build(), aSending().fromAFrozenAccount().build()))
                .isEqualTo(new Decision.Block(ReasonCode.ACCOUNT_FROZEN));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
