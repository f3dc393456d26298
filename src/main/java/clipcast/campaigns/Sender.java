package clipcast.campaigns;

import java.time.Instant;
import java.util.UUID;

/** An email From address (verified by a confirmation link) or an SMS sender id of a tenant. */
public record Sender(
        UUID id,
        String kind,
        String address,
        String displayName,
        String status,
        Instant createdAt,
        Instant verifiedAt) {

    public boolean verified() {
        return "VERIFIED".equals(status);
    }
}
