package clipcast.delivery;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.contacts.ConfirmationSender;
import clipcast.delivery.email.DkimKey;
import clipcast.delivery.email.EmailComposer;
import clipcast.delivery.email.OutboundEmail;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Confirmation emails (double opt-in links of the subscribe forms, sender address checks). They are transactional:
 * sent from the platform's own address ({@code clipcast.mail.from}) on the tenant's behalf, signed with the
 * platform's DKIM key, with their own Message-ID and a closing line that says who sent them and why, but without the
 * marketing footer and the unsubscribe headers. Over SMTP they go out once the caller's transaction has committed, so
 * nobody gets a link to a subscription that was rolled back, and a relay's "try later" (greylisting) is tried again
 * after 1, 5, 15 and 60 minutes ({@code clipcast.mail.confirmation-retries}, see {@link Resend}); without SMTP the
 * sandbox records them, in the caller's transaction.
 */
@Component
class ConfirmationEmails implements ConfirmationSender {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationEmails.class);

    private final Transports transports;
    private final PlatformDkimKey platformKey;
    private final SandboxMessages sandbox;
    private final Tenancy tenancy;
    private final MessageSource messages;
    private final Clock clock;
    private final String from;
    private final String publicUrl;
    private final Resend resend;

    ConfirmationEmails(
            Transports transports,
            PlatformDkimKey platformKey,
            SandboxMessages sandbox,
            Tenancy tenancy,
            MessageSource messages,
            Clock clock,
            @Value("${clipcast.mail.from:}") String from,
            @Value("${clipcast.public-url}") String publicUrl,
            @Value("${clipcast.mail.confirmation-retries:1m,5m,15m,1h}") List<Duration> retries) {
        this.resend = new Resend(retries);
        this.transports = transports;
        this.platformKey = platformKey;
        this.sandbox = sandbox;
        this.tenancy = tenancy;
        this.messages = messages;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.from = platformAddress(from, this.publicUrl);
    }

    /**
     * The configured address, else {@code no-reply@} the host people reach Clipcast at; a host that cannot be a
     * signing domain (an IP address, a name without a dot such as {@code localhost}) gives {@code clipcast.localhost}.
     */
    static String platformAddress(String configured, String publicUrl) {
        var address = configured == null || configured.isBlank()
                ? "no-reply@" + defaultDomain(URI.create(publicUrl).getHost())
                : configured.strip();
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("clipcast.mail.from is not an email address: " + address, e);
        }
        if (!address.substring(address.lastIndexOf('@') + 1).contains(".")) {
            throw new IllegalArgumentException("clipcast.mail.from needs a domain that can sign (DKIM): " + address);
        }
        return address;
    }

    private static String defaultDomain(String host) {
        var domainName = host != null && host.contains(".") && !host.matches("[0-9.]+|\\[.*\\]");
        return domainName ? host.toLowerCase(Locale.ROOT) : "clipcast.localhost";
    }

    @Override
    public void sendConfirmation(String email, String subject, String body) {
        var tenant = tenancy.currentTenant();
        var signature =
                messages.getMessage("confirmation.signature", new Object[] {tenant.name(), publicUrl}, Locale.ENGLISH);
        var outbound = OutboundEmail.transactional(
                TimeOrderedIds.next(clock) + "@" + from.substring(from.lastIndexOf('@') + 1),
                from,
                messages.getMessage("confirmation.from-name", new Object[] {tenant.name()}, Locale.ENGLISH),
                null,
                email,
                subject,
                body + "\n\n-- \n" + signature);
        var key = platformKey.forSender(from);
        if (transports.sandboxed(Channel.EMAIL)) {
            sandbox.recordEmail(email, subject, outbound.text(), EmailComposer.wireText(outbound, key));
            return;
        }
        afterCommit(() -> send(tenant.id(), outbound, key));
    }

    private void send(TenantId tenant, OutboundEmail email, DkimKey key) {
        // After the commit, the caller's work is done: its answer must not turn into an error.
        resend.run(() -> transports.sendEmail(email, key), result -> {
            switch (result.outcome()) {
                case SendOutcome.Accepted accepted ->
                    log.debug("Confirmation email {} accepted at attempt {}", email.messageId(), result.attempts());
                // A person who gets nothing can ask again; the address is not logged.
                case SendOutcome.RetryLater later ->
                    log.warn(
                            "Confirmation email {} of tenant {} not sent after {} attempts, the relay said {}: {}",
                            email.messageId(),
                            tenant.value(),
                            result.attempts(),
                            later.code(),
                            later.reason());
                case SendOutcome.Refused refused ->
                    log.warn(
                            "Confirmation email {} of tenant {} refused by the relay, {}: {}",
                            email.messageId(),
                            tenant.value(),
                            refused.code(),
                            refused.reason());
            }
        });
    }

    @PreDestroy
    void stop() {
        int dropped = resend.stop();
        if (dropped > 0) {
            log.warn("{} confirmation emails were waiting to be sent again and are dropped on shutdown", dropped);
        }
    }

    private static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
