package clipcast.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An SMTP connection that asks, just before it sends the final "." of a message (the point after which the relay
 * may deliver it), whether it may go on. The outbox records the hand-off durably there: a crash before it leaves
 * the message unsent for a retry, a crash after it leaves a record that keeps it from being sent twice.
 */
final class HandOffSmtpTransport extends SMTPTransport {

    private BooleanSupplier handOff;

    HandOffSmtpTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    void beforeFinalDot(BooleanSupplier handOff) {
        this.handOff = handOff;
    }

    private java.io.OutputStream body;

    @Override
    protected java.io.OutputStream data() throws MessagingException {
        body = super.data();
        return body;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        var check = handOff;
        handOff = null;
        // The whole body is on the wire before the hand-off is recorded: after it, only "." is left to write.
        if (body != null) {
            body.flush();
        }
        if (check != null && !check.getAsBoolean()) {
            throw new HandOffRefused();
        }
        super.finishData();
    }

    /** The message may not be handed over (its claim was lost): the transaction is abandoned unfinished. */
    static final class HandOffRefused extends MessagingException {
        HandOffRefused() {
            super("The message's claim is no longer ours; not sent");
        }
    }
}
