package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

    final Policy policy = new ConsentPolicy();

    @Test
    void without_consent_a_message_is_blocked_with_NO_CONSENT() {
        assertThat(policy.decide(
                        aRecipient().withConsent(Recipient.ConsentState.NONE).build(),
                        aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.NO_CONSENT));
    }

    @Test
    void withdrawn_consent_blocks_with_CONSENT_WITHDRAWN() {
        assertThat(policy.decide(
                        aRecipient()
                                .withConsent(Recipient.ConsentState.WITHDRAWN)
                                .build(),
                        aSending().build()))
                .isEqualTo(new Decision.Block(ReasonCode.CONSENT_WITHDRAWN));
    }

    @Test
    void granted_consent_allows() {
        assertThat(policy.decide(aRecipient().build(), aSending().build())).isInstanceOf(Decision.Allow.class);
    }
}
