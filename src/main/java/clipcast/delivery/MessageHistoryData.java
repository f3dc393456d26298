package clipcast.delivery;

import clipcast.contacts.PersonalDataHolder;
import clipcast.tenancy.TenantScope;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The messages sent or meant for a contact, as personal data: in the contact's export, and stripped of the person at
 * its erasure ({@link OutboxRepository#eraseContact}); what the sandbox recorded for the contact, confirmation emails
 * to its addresses included, is deleted, and so are confirmation emails to its addresses still waiting to be sent.
 */
@Component
class MessageHistoryData implements PersonalDataHolder {

    private final OutboxRepository outbox;
    private final SandboxMessages sandbox;
    private final PendingConfirmations confirmations;

    MessageHistoryData(OutboxRepository outbox, SandboxMessages sandbox, PendingConfirmations confirmations) {
        this.outbox = outbox;
        this.sandbox = sandbox;
        this.confirmations = confirmations;
    }

    @Override
    public String exportName() {
        return "messages";
    }

    @Override
    public List<Map<String, Object>> export(UUID contactId) {
        return outbox.ofContact(TenantScope.requireTenant(), contactId);
    }

    @Override
    public void erase(UUID contactId, Collection<String> addresses) {
        // The sandbox first: it finds the contact's records through its outbox messages.
        sandbox.deleteFor(contactId, addresses);
        confirmations.deleteTo(addresses);
        outbox.eraseContact(TenantScope.requireTenant(), contactId);
    }
}
