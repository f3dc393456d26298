package clipcast.coupons;

import clipcast.coupons.domain.RefusalReason;

/** What asking to redeem a code gave: a redemption, or a refusal with its reason. */
public sealed interface RedemptionOutcome {

    record Redeemed(Redemption redemption) implements RedemptionOutcome {}

    record Refused(RefusalReason reason) implements RedemptionOutcome {}
}
