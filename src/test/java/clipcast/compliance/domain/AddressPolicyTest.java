package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    final Policy policy = new AddressPolicy();

    @Test
    void a_missing_or_broken_address_is_blocked_with_INVALID_ADDRESS() {
        assertThat(policy.decide(
                        aRecipient().withoutValidAddress().build(), aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.INVALID_ADDRESS));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
