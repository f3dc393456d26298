package clipcast.tenancy;

/** What an API key may call: everything of its tenant, or only validation and redemption (a till). */
public enum ApiKeyScope {
    FULL,
    REDEEM
}
