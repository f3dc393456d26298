package clipcast.contacts;

import java.util.Collection;
import java.util.UUID;

/**
 * Personal data about a contact that another module keeps (delivery: the contact's push subscriptions). That module
 * implements this, so that the contact's data export shows the data and the contact's erasure removes it at once,
 * in the erasure's own transaction, without contacts depending on the module. Called in the tenant's scope.
 */
public interface PersonalDataHolder {

    /** The name of this data in a contact's export, such as {@code pushSubscriptions}. */
    String exportName();

    /** What is kept about the contact, as its export shows it: machine-readable, and without secrets. */
    Object export(UUID contactId);

    /**
     * Removes everything kept about the contact.
     *
     * @param addresses the contact's normalised email address and phone number (those it has), for data kept by
     *     address rather than by contact
     */
    void erase(UUID contactId, Collection<String> addresses);
}
