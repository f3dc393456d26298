package clipcast.delivery.push;

import clipcast.delivery.push.domain.SubscriberKeys;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact's browser subscription: where to send (the push service's endpoint) and the keys to encrypt with.
 *
 * @param expiresAt when the browser said it ends, null when it did not
 */
public record PushSubscription(
        UUID id,
        UUID contactId,
        URI endpoint,
        SubscriberKeys keys,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {}
