package clipcast.coupons.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedemptionPolicyTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    static CodeStanding fresh() {
        return new CodeStanding(false, false, null, null, 0, 1, 0, null, 0, null);
    }

    @Test
    void a_fresh_single_use_code_may_be_redeemed() {
        assertThat(RedemptionPolicy.refusal(fresh(), NOW)).isEmpty();
    }

    @Test
    void each_limit_refuses_with_its_reason() {
        assertThat(RedemptionPolicy.refusal(new CodeStanding(true, false, null, null, 0, 1, 0, null, 0, null), NOW))
                .contains(RefusalReason.VOIDED);
        assertThat(RedemptionPolicy.refusal(new CodeStanding(false, true, null, null, 0, 1, 0, null, 0, null), NOW))
                .contains(RefusalReason.OFFER_PAUSED);
        assertThat(RedemptionPolicy.refusal(
                        new CodeStanding(false, false, NOW.plusSeconds(1), null, 0, 1, 0, null, 0, null), NOW))
                .contains(RefusalReason.NOT_YET_VALID);
        assertThat(RedemptionPolicy.refusal(new CodeStanding(false, false, null, NOW, 0, 1, 0, null, 0, null), NOW))
                .contains(RefusalReason.EXPIRED);
        assertThat(RedemptionPolicy.refusal(new CodeStanding(false, false, null, null, 1, 1, 0, null, 0, null), NOW))
                .contains(RefusalReason.ALREADY_REDEEMED);
        assertThat(RedemptionPolicy.refusal(new CodeStanding(false, false, null, null, 0, 1, 2, 2, 0, null), NOW))
                .contains(RefusalReason.CONTACT_LIMIT_REACHED);
        assertThat(RedemptionPolicy.refusal(new CodeStanding(false, false, null, null, 0, 1, 0, null, 5, 5L), NOW))
                .contains(RefusalReason.TOTAL_CAP_REACHED);
    }

    @Test
    void a_code_valid_for_days_after_issue_ends_then_or_with_the_offer_whichever_is_first() {
        assertThat(RedemptionPolicy.validUntil(null, 7, NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(RedemptionPolicy.validUntil(NOW.plus(Duration.ofDays(3)), 7, NOW))
                .isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(RedemptionPolicy.validUntil(NOW, null, null)).isEqualTo(NOW);
    }
}
