package clipcast.delivery.push;

import clipcast.contacts.PersonalDataHolder;
import clipcast.tenancy.TenantScope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A contact's push subscriptions as personal data: erased with the contact, and in its export. The export shows
 * each subscription as the API does, without its keys: they are the browser's encryption secrets, which tell
 * nothing about the person and would let whoever holds the export encrypt messages to the browser.
 */
@Component
class PushSubscriptionData implements PersonalDataHolder {

    private final PushSubscriptionRepository subscriptions;

    PushSubscriptionData(PushSubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String exportName() {
        return "pushSubscriptions";
    }

    @Override
    public List<Map<String, Object>> export(UUID contactId) {
        return subscriptions.ofContact(TenantScope.requireTenant(), contactId).stream()
                .map(PushSubscriptionData::exported)
                .toList();
    }

    @Override
    public void erase(UUID contactId, Collection<String> addresses) {
        subscriptions.deleteAllOfContact(TenantScope.requireTenant(), contactId);
    }

    private static Map<String, Object> exported(PushSubscription subscription) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", subscription.id());
        view.put("endpoint", subscription.endpoint().toString());
        view.put("expiresAt", subscription.expiresAt());
        view.put("createdAt", subscription.createdAt());
        view.put("updatedAt", subscription.updatedAt());
        return view;
    }
}
