package clipcast.contacts;

/**
 * Sends the double opt-in message of a subscription. Until the delivery module provides a transport, the sandbox
 * records it (table {@code sandbox_message}); delivery replaces it by declaring its own bean of this type.
 */
public interface ConfirmationSender {

    /** Called in the tenant's scope and transaction. */
    void sendConfirmation(String email, String subject, String body);
}
