package clipcast.compliance.domain;

/** Why a recipient does not get a message now: each policy answers with one of these. */
public enum ReasonCode {
    NO_CONSENT,
    CONSENT_WITHDRAWN,
    SUPPRESSED,
    DNC_REGISTRY,
    RESTRICTED,
    OBJECTED,
    INVALID_ADDRESS,
    UNDERAGE,
    DUPLICATE_CONTENT,
    FREQUENCY_CAP,
    QUIET_HOURS,
    QUOTA_EXCEEDED,
    ACCOUNT_FROZEN
}
