package clipcast.consent;

/** Why an address is suppressed. Complaints and erasures hold for the whole platform, the rest per tenant. */
public enum SuppressionReason {
    UNSUBSCRIBE,
    COMPLAINT,
    HARD_BOUNCE,
    DNC_REGISTRY,
    ERASURE,
    MANUAL;

    public boolean platformWide() {
        return this == COMPLAINT || this == ERASURE;
    }
}
