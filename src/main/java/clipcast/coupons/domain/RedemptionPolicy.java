package clipcast.coupons.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a code may be redeemed at an instant, and if not, the first reason why. The database applies the same
 * conditions atomically when it redeems; this reads them back to name the reason and to validate without effect.
 */
public final class RedemptionPolicy {

    private RedemptionPolicy() {}

    public static Optional<RefusalReason> refusal(CodeStanding code, Instant now) {
        if (code.voided()) {
            return Optional.of(RefusalReason.VOIDED);
        }
        if (code.offerPaused()) {
            return Optional.of(RefusalReason.OFFER_PAUSED);
        }
        if (code.validFrom() != null && now.isBefore(code.validFrom())) {
            return Optional.of(RefusalReason.NOT_YET_VALID);
        }
        if (code.validUntil() != null && !now.isBefore(code.validUntil())) {
            return Optional.of(RefusalReason.EXPIRED);
        }
        if (code.maxPerCode() != null && code.redemptions() >= code.maxPerCode()) {
            return Optional.of(RefusalReason.ALREADY_REDEEMED);
        }
        if (code.maxPerContact() != null && code.contactRedemptions() >= code.maxPerContact()) {
            return Optional.of(RefusalReason.CONTACT_LIMIT_REACHED);
        }
        if (code.maxTotal() != null && code.offerRedemptions() >= code.maxTotal()) {
            return Optional.of(RefusalReason.TOTAL_CAP_REACHED);
        }
        return Optional.empty();
    }

    /** The end of a code's validity: the offer's end, or N days after issue when that comes first. */
    public static Instant validUntil(Instant offerUntil, Integer daysAfterIssue, Instant issuedAt) {
        if (daysAfterIssue == null || issuedAt == null) {
            return offerUntil;
        }
        var relative = issuedAt.plus(java.time.Duration.ofDays(daysAfterIssue));
        return offerUntil == null || relative.isBefore(offerUntil) ? relative : offerUntil;
    }
}
