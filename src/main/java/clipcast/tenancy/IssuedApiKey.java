package clipcast.tenancy;

/** A key just made: the secret is shown this once and kept only as a hash. */
public record IssuedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", secret=<hidden>]";
    }
}
