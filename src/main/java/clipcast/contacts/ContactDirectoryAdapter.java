package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ContactDirectory;
import clipcast.tenancy.TenantScope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers consent's questions about contacts. */
@Component
class ContactDirectoryAdapter implements ContactDirectory {

    private final ContactRepository contacts;

    ContactDirectoryAdapter(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public List<UUID> contactsWithPhone(String e164) {
        return contacts.idsWithPhone(TenantScope.requireTenant(), e164);
    }

    @Override
    public Optional<String> address(UUID contactId, Channel channel) {
        return contacts.findById(TenantScope.requireTenant(), contactId).map(contact -> switch (channel) {
            case EMAIL -> contact.email();
            case SMS -> contact.phone();
            case PUSH -> null;
        });
    }
}
