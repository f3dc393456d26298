package clipcast.coupons;

import clipcast.coupons.domain.RefusalReason;
import java.time.Instant;

/** What validating a code said, without changing anything. */
public sealed interface ValidationOutcome {

    record Valid(String code, Offer offer, Instant validUntil, int redemptions) implements ValidationOutcome {}

    record Refused(RefusalReason reason) implements ValidationOutcome {}
}
