package clipcast.delivery.push;

import clipcast.TimeOrderedIds;
import clipcast.contacts.Contacts;
import clipcast.delivery.push.domain.FieldProblem;
import clipcast.delivery.push.domain.PushSubscriptionRules;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The push subscriptions of the current tenant's contacts, and the tenant's public VAPID key that browsers
 * subscribe with. Works in the current {@link TenantScope}; a contact of another tenant is not found.
 */
@Service
public class PushSubscriptions {

    private final PushSubscriptionRepository subscriptions;
    private final VapidKeys vapidKeys;
    private final Contacts contacts;
    private final PushProperties properties;
    private final Clock clock;

    PushSubscriptions(
            PushSubscriptionRepository subscriptions,
            VapidKeys vapidKeys,
            Contacts contacts,
            PushProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.vapidKeys = vapidKeys;
        this.contacts = contacts;
        this.properties = properties;
        this.clock = clock;
    }

    /** What subscribing a browser came to. */
    public sealed interface SubscribeOutcome {}

    /** Stored; {@code created} is false when the contact had this endpoint already (its keys are refreshed). */
    public record Subscribed(PushSubscription subscription, boolean created) implements SubscribeOutcome {}

    /** The subscription is not acceptable; every problem found. */
    public record Invalid(List<FieldProblem> problems) implements SubscribeOutcome {}

    /** No such contact for this tenant (or it was erased). */
    public record ContactNotFound() implements SubscribeOutcome {}

    /** The tenant's public key in base64url, for the browser's {@code applicationServerKey}. */
    public String vapidPublicKey() {
        return vapidKeys.of(TenantScope.requireTenant()).publicKeyBase64Url();
    }

    /**
     * Stores a browser's subscription (the fields of its {@code PushSubscription.toJSON()}) for a contact.
     *
     * @param expirationTime milliseconds since the epoch, or null
     */
    public SubscribeOutcome subscribe(
            UUID contactId, String endpoint, String p256dh, String auth, Long expirationTime) {
        var tenant = TenantScope.requireTenant();
        if (contacts.find(contactId).isEmpty()) {
            return new ContactNotFound();
        }
        var now = clock.instant();
        return switch (PushSubscriptionRules.check(
                endpoint, p256dh, auth, expirationTime, now, properties.allowInsecureEndpoints())) {
            case PushSubscriptionRules.Invalid(var problems) -> new Invalid(problems);
            case PushSubscriptionRules.Valid(var uri, var keys, var expiresAt) -> {
                var saved =
                        subscriptions.save(tenant, TimeOrderedIds.next(clock), contactId, uri, keys, expiresAt, now);
                yield new Subscribed(saved.subscription(), saved.created());
            }
        };
    }

    /** The contact's subscriptions, oldest first; empty when there is no such contact. */
    public Optional<List<PushSubscription>> of(UUID contactId) {
        if (contacts.find(contactId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(subscriptions.ofContact(TenantScope.requireTenant(), contactId));
    }

    /** Forgets one subscription of a contact; false when the contact or the subscription is unknown. */
    public boolean remove(UUID contactId, UUID subscriptionId) {
        return contacts.find(contactId).isPresent()
                && subscriptions.delete(TenantScope.requireTenant(), contactId, subscriptionId);
    }
}
