package clipcast.coupons.domain;

/** Why a code cannot be redeemed (or validated) now. */
public enum RefusalReason {
    UNKNOWN_CODE,
    VOIDED,
    OFFER_PAUSED,
    NOT_YET_VALID,
    EXPIRED,
    ALREADY_REDEEMED,
    CONTACT_LIMIT_REACHED,
    TOTAL_CAP_REACHED;

    /** A refusal about the state of counters that other redemptions changed (409), or about the code itself (422). */
    public boolean isConflict() {
        return this == ALREADY_REDEEMED || this == CONTACT_LIMIT_REACHED || this == TOTAL_CAP_REACHED;
    }
}
