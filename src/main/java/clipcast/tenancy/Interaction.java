package clipcast.tenancy;

/** A user interaction that counts against a plan: a coupon page view, a code issued, a redemption. */
public enum Interaction {
    IMPRESSION,
    ISSUE,
    REDEMPTION
}
