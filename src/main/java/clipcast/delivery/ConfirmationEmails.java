package clipcast.delivery;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.contacts.ConfirmationSender;
import clipcast.delivery.email.EmailComposer;
import clipcast.delivery.email.OutboundEmail;
import clipcast.tenancy.Tenancy;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Confirmation emails (double opt-in links of the subscribe forms, sender address checks). They are transactional:
 * sent from the platform's own address ({@code clipcast.mail.from}) on the tenant's behalf, signed with the
 * platform's DKIM key, with their own Message-ID and a closing line that says who sent them and why, but without the
 * marketing footer and the unsubscribe headers.
 *
 * <p>Over SMTP each email is first written to {@code confirmation_email} in the caller's transaction ({@link
 * PendingConfirmations}), so nobody gets a link to a subscription that was rolled back, and nothing is lost when a
 * node stops. Once that transaction has committed, this node sends it at once, on a thread of its own (the caller's
 * answer does not wait for the relay). A relay's "try later" (greylisting, a full queue, a relay that cannot be
 * reached) is tried again after 1, 5, 15 and 60 minutes ({@code clipcast.mail.confirmation-retries}) by whichever node
 * finds it due first ({@link #sendDue}); an accepted, refused or given-up email is deleted. Without SMTP the sandbox
 * records them, in the caller's transaction.
 */
@Component
class ConfirmationEmails implements ConfirmationSender {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationEmails.class);

    /** How long a node that sends an email holds it: longer than an SMTP conversation with its timeouts. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final int CLAIMED_AT_ONCE = 50;

    private final Transports transports;
    private final PlatformDkimKey platformKey;
    private final SandboxMessages sandbox;
    private final Tenancy tenancy;
    private final MessageSource messages;
    private final Clock clock;
    private final String from;
    private final String publicUrl;
    private final PendingConfirmations pending;
    private final List<Duration> retries;
    private final ExecutorService firstAttempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("confirmation-", 0).factory());

    ConfirmationEmails(
            Transports transports,
            PlatformDkimKey platformKey,
            SandboxMessages sandbox,
            Tenancy tenancy,
            MessageSource messages,
            Clock clock,
            PendingConfirmations pending,
            @Value("${clipcast.mail.from:}") String from,
            @Value("${clipcast.public-url}") String publicUrl,
            @Value("${clipcast.mail.confirmation-retries:1m,5m,15m,1h}") List<Duration> retries) {
        this.pending = pending;
        this.retries = List.copyOf(retries);
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
        var fromName = messages.getMessage("confirmation.from-name", new Object[] {tenant.name()}, Locale.ENGLISH);
        var messageId = TimeOrderedIds.next(clock) + "@" + domain();
        var text = body + "\n\n-- \n" + signature;
        if (transports.sandboxed(Channel.EMAIL)) {
            var outbound = OutboundEmail.transactional(messageId, from, fromName, null, email, subject, text);
            sandbox.recordEmail(
                    email, subject, outbound.text(), EmailComposer.wireText(outbound, platformKey.forSender(from)));
            return;
        }
        var now = clock.instant();
        var waiting = new PendingConfirmations.Pending(
                tenant.id(), TimeOrderedIds.next(clock), messageId, fromName, email, subject, text, 0);
        pending.add(waiting, now, now.plus(LEASE));
        afterCommit(() -> {
            try {
                firstAttempts.execute(() -> attempt(waiting));
            } catch (RejectedExecutionException stopping) {
                // The node is stopping: the email waits in the table, and another node sends it once the claim ends.
            }
        });
    }

    /**
     * Sends the confirmation emails that are due (a "try later" whose delay is over, or a first attempt whose node
     * stopped before it), claimed for a lease so that no other node sends them meanwhile; returns how many were
     * attempted.
     */
    @Scheduled(
            fixedDelayString = "${clipcast.mail.confirmation-poll:15s}",
            initialDelayString = "${clipcast.mail.confirmation-poll:15s}")
    int sendDue() {
        try {
            int attempted = 0;
            List<PendingConfirmations.Pending> due;
            do {
                var now = clock.instant();
                due = pending.claimDue(now, now.plus(LEASE), CLAIMED_AT_ONCE);
                due.forEach(this::attempt);
                attempted += due.size();
            } while (due.size() == CLAIMED_AT_ONCE);
            return attempted;
        } catch (RuntimeException e) {
            log.warn("Due confirmation emails could not be sent; they are tried again shortly: {}", e.toString());
            return 0;
        }
    }

    /** One attempt at a claimed email, and what it leaves: deleted when done with, else due again later. */
    private void attempt(PendingConfirmations.Pending email) {
        var outbound = OutboundEmail.transactional(
                email.messageId(), from, email.fromName(), null, email.recipient(), email.subject(), email.body());
        SendOutcome outcome;
        try {
            outcome = transports.sendEmail(outbound, platformKey.forSender(from));
        } catch (RuntimeException e) {
            outcome = new SendOutcome.RetryLater("ERROR", String.valueOf(e.getMessage()));
        }
        int attempts = email.attempts() + 1;
        try {
            switch (outcome) {
                case SendOutcome.Accepted accepted -> {
                    pending.remove(email);
                    log.debug("Confirmation email {} accepted at attempt {}", email.messageId(), attempts);
                }
                case SendOutcome.RetryLater later
                when attempts <= retries.size() -> {
                    pending.retryAt(email, attempts, clock.instant().plus(retries.get(attempts - 1)));
                    log.info(
                            "Confirmation email {} of tenant {}: the relay said {} at attempt {}, tried again in {}",
                            email.messageId(),
                            email.tenant().value(),
                            later.code(),
                            attempts,
                            retries.get(attempts - 1));
                }
                // A person who gets nothing can ask again; the address is not logged.
                case SendOutcome.RetryLater later -> {
                    pending.remove(email);
                    log.warn(
                            "Confirmation email {} of tenant {} not sent after {} attempts, the relay said {}: {}",
                            email.messageId(),
                            email.tenant().value(),
                            attempts,
                            later.code(),
                            later.reason());
                }
                case SendOutcome.Refused refused -> {
                    pending.remove(email);
                    log.warn(
                            "Confirmation email {} of tenant {} refused by the relay, {}: {}",
                            email.messageId(),
                            email.tenant().value(),
                            refused.code(),
                            refused.reason());
                }
            }
        } catch (RuntimeException e) {
            // The claim runs out and another pass tries it again: at worst the person gets the email twice.
            log.warn("Confirmation email {}: its outcome could not be recorded: {}", email.messageId(), e.toString());
        }
    }

    private String domain() {
        return from.substring(from.lastIndexOf('@') + 1);
    }

    @PreDestroy
    void stop() {
        // First attempts under way finish or leave their email claimed; after the claim another node sends it.
        firstAttempts.shutdown();
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
