package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoNotCallRegistryPolicyTest {

    final Policy policy = new DoNotCallRegistryPolicy();

    @Test
    void a_number_on_a_registry_gets_no_sms_with_DNC_REGISTRY() {
        assertThat(policy.decide(
                        aRecipient().onDoNotCallRegistry().build(), aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.DNC_REGISTRY));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(
                        aRecipient().onDoNotCallRegistry().on("EMAIL").build(),
                        aSending().build()))
                .isInstanceOf(Decision.Allow.class);
    }
}
