package clipcast.delivery.email;

import clipcast.delivery.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends email through an SMTP relay over a pool of open connections (one SMTP session carries many messages).
 * The relay's answer decides the outcome: 2xx accepted, 4xx (421, 450, 451, 452, 454, …) retry later, 5xx refused.
 * A connection that fails is closed and replaced; the message is retried, never counted as sent.
 */
public final class SmtpEmailTransport implements AutoCloseable {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan of the class path on every body part,
        // header block and encoder it makes (a quarter of the CPU of a send); naming the provider skips the scan.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final SmtpSettings settings;
    private final Session session;
    private final BlockingQueue<HandOffSmtpTransport> idle;

    public SmtpEmailTransport(SmtpSettings settings) {
        this.settings = settings;
        var properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        properties.put(
                "mail.smtp.auth",
                String.valueOf(
                        settings.username() != null && !settings.username().isBlank()));
        properties.put(
                "mail.smtp.connectiontimeout", String.valueOf(settings.timeout().toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(settings.timeout().toMillis()));
        properties.put(
                "mail.smtp.writetimeout", String.valueOf(settings.timeout().toMillis()));
        this.session = Session.getInstance(properties);
        this.idle = new ArrayBlockingQueue<>(Math.max(1, settings.connections()));
    }

    public Session session() {
        return session;
    }

    /** Sends one message, DKIM-signed when a key is given. */
    public SendOutcome send(OutboundEmail email, DkimKey dkim) {
        return send(email, dkim, () -> true);
    }

    /**
     * Sends one message, DKIM-signed when a key is given, asking {@code handOff} just before the final "." of the
     * message: when it answers false the message is abandoned unsent ({@code RetryLater("CLAIM_LOST")}).
     */
    public SendOutcome send(OutboundEmail email, DkimKey dkim, java.util.function.BooleanSupplier handOff) {
        HandOffSmtpTransport transport = null;
        try {
            var message = EmailComposer.compose(session, email);
            MimeMessage wire = dkim == null ? message : EmailComposer.sign(message, dkim);
            transport = borrow();
            transport.beforeFinalDot(handOff);
            transport.sendMessage(wire, wire.getAllRecipients());
            var reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "250";
            giveBack(transport);
            return new SendOutcome.Accepted(reply == null ? "" : reply.strip());
        } catch (SMTPSendFailedException | SMTPAddressFailedException refusedOrThrottled) {
            giveBack(transport);
            return byReturnCode(codeOf(refusedOrThrottled), refusedOrThrottled.getMessage());
        } catch (SendFailedException partial) {
            giveBack(transport);
            var cause = partial.getNextException();
            return cause instanceof SMTPAddressFailedException address
                    ? byReturnCode(address.getReturnCode(), address.getMessage())
                    : new SendOutcome.RetryLater("SEND_FAILED", String.valueOf(partial.getMessage()));
        } catch (HandOffSmtpTransport.HandOffRefused claimLost) {
            discard(transport);
            return new SendOutcome.RetryLater("CLAIM_LOST", claimLost.getMessage());
        } catch (MessagingException connectionOrProtocol) {
            discard(transport);
            return new SendOutcome.RetryLater("CONNECTION", String.valueOf(connectionOrProtocol.getMessage()));
        }
    }

    private static int codeOf(MessagingException exception) {
        return switch (exception) {
            case SMTPSendFailedException send -> send.getReturnCode();
            case SMTPAddressFailedException address -> address.getReturnCode();
            default -> 0;
        };
    }

    static SendOutcome byReturnCode(int code, String reason) {
        if (code >= 400 && code < 500) {
            return new SendOutcome.RetryLater(String.valueOf(code), reason);
        }
        if (code >= 500) {
            return new SendOutcome.Refused(String.valueOf(code), reason);
        }
        return new SendOutcome.RetryLater(String.valueOf(code), reason);
    }

    private HandOffSmtpTransport borrow() throws MessagingException {
        var transport = idle.poll();
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        discard(transport);
        var fresh = new HandOffSmtpTransport(session);
        fresh.connect(
                settings.host(), settings.port(), blankToNull(settings.username()), blankToNull(settings.password()));
        return fresh;
    }

    private void giveBack(HandOffSmtpTransport transport) {
        if (transport == null) {
            return;
        }
        try {
            if (!idle.offer(transport, 0, TimeUnit.MILLISECONDS)) {
                discard(transport);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(transport);
        }
    }

    private static void discard(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        HandOffSmtpTransport transport;
        while ((transport = idle.poll()) != null) {
            discard(transport);
        }
    }
}
