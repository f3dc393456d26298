package clipcast.compliance.domain;

import static clipcast.compliance.domain.Builders.aRecipient;
import static clipcast.compliance.domain.Builders.aSending;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateContentPolicyTest {

    final Policy policy = new DuplicateContentPolicy();

    @Test
    void the_same_message_with_another_code_is_blocked_with_DUPLICATE_CONTENT() {
        assertThat(policy.decide(
                        aRecipient().build(),
                        aSending()
                                .saying("Free coffee with any pastry this Saturday! Code AB-1234")
                                .afterRecently("Free coffee with any pastry this Saturday. Code XY-9876")
                                .build()))
                .isEqualTo(new Decision.Block(ReasonCode.DUPLICATE_CONTENT));
    }

    @Test
    void otherwise_it_allows() {
        assertThat(policy.decide(
                        aRecipient().build(),
                        aSending()
                                .saying("Free coffee with any pastry this Saturday")
                                .afterRecently("Half price pizza on Tuesday nights only")
                                .build()))
                .isInstanceOf(Decision.Allow.class);
    }
}
