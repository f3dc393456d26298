package clipcast.contacts;

/**
 * Sends a confirmation message (the double opt-in link of a subscription, a sender address check). The delivery
 * module implements it: over SMTP when a relay is configured, else its sandbox records the message.
 */
public interface ConfirmationSender {

    /** Called in the tenant's scope and transaction. */
    void sendConfirmation(String email, String subject, String body);
}
