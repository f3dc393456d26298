package clipcast.tenancy;

import java.time.Instant;
import java.util.UUID;

/** An API key as it is listed: never with its secret, which exists only in {@link IssuedApiKey}. */
public record ApiKey(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
