package clipcast.delivery.push;

import clipcast.contacts.Contacts;
import clipcast.delivery.SendOutcome;
import clipcast.delivery.push.domain.PushAttempt;
import clipcast.delivery.push.domain.PushEncryption;
import clipcast.delivery.push.domain.Vapid;
import clipcast.delivery.push.domain.VapidKeyPair;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Web Push transport: sends one message to every push subscription of a contact, each encrypted for its
 * browser (RFC 8291) and signed with the tenant's VAPID key (RFC 8292). A push service that answers 404 or 410
 * has forgotten the subscription: it is deleted here too. Call it outside a database transaction: it holds no
 * connection while it waits for push services.
 */
@Service
public class WebPush implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebPush.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PushSubscriptionRepository subscriptions;
    private final VapidKeys vapidKeys;
    private final Contacts contacts;
    private final PushProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final PushServiceClient client;
    private final String subject;

    WebPush(
            PushSubscriptionRepository subscriptions,
            VapidKeys vapidKeys,
            Contacts contacts,
            PushProperties properties,
            JsonMapper json,
            Clock clock,
            @Value("${clipcast.public-url}") String publicUrl) {
        this.subscriptions = subscriptions;
        this.vapidKeys = vapidKeys;
        this.contacts = contacts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.client = new PushServiceClient(properties, clock);
        this.subject = properties.subject().isBlank()
                ? publicUrl
                : properties.subject().strip();
        if (!subject.startsWith("mailto:") && !subject.startsWith("https://")) {
            log.warn(
                    "The VAPID contact '{}' is neither mailto: nor https:; some push services refuse it. Set"
                            + " clipcast.push.subject.",
                    subject);
        }
    }

    /** Sends a message with the configured TTL and no urgency; see {@link #deliver}. */
    public SendOutcome send(TenantId tenant, UUID contactId, PushMessage message) {
        return deliver(tenant, contactId, message, PushOptions.DEFAULT).outcome();
    }

    /** Sends a message; see {@link #deliver}. */
    public SendOutcome send(TenantId tenant, UUID contactId, PushMessage message, PushOptions options) {
        return deliver(tenant, contactId, message, options).outcome();
    }

    /**
     * Sends a message to every push subscription of a contact of this tenant and says what came of it, with the
     * counts per subscription and the push services' {@code Retry-After}. A contact that is unknown or erased has
     * no subscriptions (any left are deleted): {@code Refused(NO_SUBSCRIPTION)}.
     */
    public PushDelivery deliver(TenantId tenant, UUID contactId, PushMessage message, PushOptions options) {
        return TenantScope.call(tenant, () -> deliverInScope(tenant, contactId, message, options));
    }

    private PushDelivery deliverInScope(TenantId tenant, UUID contactId, PushMessage message, PushOptions options) {
        if (contacts.find(contactId).isEmpty()) {
            subscriptions.deleteAllOfContact(tenant, contactId);
            return PushDelivery.noSubscription(0);
        }
        var now = clock.instant();
        var found = subscriptions.ofContact(tenant, contactId);
        // expired by the browser's own word: removed without asking the push service
        var expired = found.stream()
                .filter(s -> s.expiresAt() != null && !s.expiresAt().isAfter(now))
                .map(PushSubscription::id)
                .toList();
        subscriptions.deleteAll(tenant, expired);
        var live = found.stream().filter(s -> !expired.contains(s.id())).toList();
        if (live.isEmpty()) {
            return PushDelivery.noSubscription(0);
        }
        var payload = json.writeValueAsBytes(message.payload());
        if (!PushEncryption.fits(payload)) {
            return PushDelivery.refusedBeforeSending(
                    "PAYLOAD_TOO_LARGE",
                    "The message is " + payload.length + " bytes as JSON; a push message holds "
                            + PushEncryption.MAX_PLAINTEXT);
        }
        var keys = vapidKeys.of(tenant);
        var ttl = options.ttl() == null ? properties.ttl() : options.ttl();
        var urgency = options.urgency() == null ? null : options.urgency().header();
        var authorizations = new HashMap<String, String>();
        var attempts = new ArrayList<PushAttempt>();
        var gone = new ArrayList<UUID>();
        for (var subscription : live) {
            var authorization = authorizations.computeIfAbsent(
                    Vapid.audience(subscription.endpoint()), audience -> authorize(keys, subscription));
            var attempt = client.post(new PushServiceClient.PushRequest(
                    subscription.endpoint(),
                    PushEncryption.encrypt(payload, subscription.keys(), RANDOM),
                    authorization,
                    ttl,
                    urgency));
            if (attempt instanceof PushAttempt.Gone) {
                gone.add(subscription.id());
            }
            log.debug("Push to subscription {} of contact {}: {}", subscription.id(), contactId, attempt);
            attempts.add(attempt);
        }
        subscriptions.deleteAll(tenant, gone);
        return PushDelivery.of(attempts);
    }

    private String authorize(VapidKeyPair keys, PushSubscription subscription) {
        return Vapid.authorization(keys, subscription.endpoint(), subject, clock.instant(), properties.tokenValidity());
    }

    @Override
    public void close() {
        client.close();
    }
}
