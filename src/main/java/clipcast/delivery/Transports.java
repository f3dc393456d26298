package clipcast.delivery;

import clipcast.delivery.email.DkimKeys;
import clipcast.delivery.email.EmailComposer;
import clipcast.delivery.email.OutboundEmail;
import clipcast.delivery.email.SmtpEmailTransport;
import clipcast.delivery.email.SmtpSettings;
import clipcast.delivery.sms.OutboundSms;
import clipcast.delivery.sms.SmppSettings;
import clipcast.delivery.sms.SmppTransport;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The transport of each channel: SMTP when {@code clipcast.smtp.host} is set, SMPP when {@code clipcast.smpp.host}
 * is set (else an HTTP SMS provider when {@code clipcast.sms.http.url} is), Web Push to the contact's subscriptions unless {@code clipcast.push.sandbox} is true; otherwise the sandbox, which records the fully rendered message (for email the exact MIME text, DKIM
 * signature included) in the same transaction that records the message as sent.
 */
@Component
class Transports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Transports.class);

    private final SmtpEmailTransport smtp;
    private final SmppTransport smpp;
    private final clipcast.delivery.sms.HttpSmsTransport httpSms;
    private final clipcast.delivery.push.WebPush push;
    private final DkimKeys dkim;
    private final SandboxMessages sandbox;

    Transports(
            @Value("${clipcast.smtp.host:}") String smtpHost,
            @Value("${clipcast.smtp.port:25}") int smtpPort,
            @Value("${clipcast.smtp.username:}") String smtpUser,
            @Value("${clipcast.smtp.password:}") String smtpPassword,
            @Value("${clipcast.smtp.starttls:false}") boolean startTls,
            @Value("${clipcast.smtp.connections:8}") int connections,
            @Value("${clipcast.smtp.return-path:}") String returnPath,
            @Value("${clipcast.smpp.host:}") String smppHost,
            @Value("${clipcast.smpp.port:2775}") int smppPort,
            @Value("${clipcast.smpp.system-id:}") String systemId,
            @Value("${clipcast.smpp.password:}") String smppPassword,
            @Value("${clipcast.smpp.window:16}") int window,
            @Value("${clipcast.sms.http.url:}") String httpSmsUrl,
            @Value("${clipcast.sms.http.token:}") String httpSmsToken,
            @Value("${clipcast.push.sandbox:false}") boolean pushSandbox,
            InboundSmsRouter inbound,
            clipcast.delivery.push.WebPush push,
            DkimKeys dkim,
            SandboxMessages sandbox) {
        this.dkim = dkim;
        this.push = pushSandbox ? null : push;
        this.sandbox = sandbox;
        this.smtp = smtpHost.isBlank()
                ? null
                : new SmtpEmailTransport(new SmtpSettings(
                        smtpHost, smtpPort, smtpUser, smtpPassword, startTls, connections, Duration.ofSeconds(30)));
        if (smtp != null && !returnPath.isBlank()) {
            // The envelope sender: where bounces go (the platform's mailbox that feeds /hooks/email/inbound),
            // instead of each tenant's From address.
            smtp.session().getProperties().put("mail.smtp.from", returnPath.strip());
        }
        this.httpSms = !smppHost.isBlank() || httpSmsUrl.isBlank()
                ? null
                : new clipcast.delivery.sms.HttpSmsTransport(clipcast.delivery.sms.HttpSmsSettings.https(
                        java.net.URI.create(httpSmsUrl.strip()), httpSmsToken.strip(), Duration.ofSeconds(10), 32));
        if (smppHost.isBlank()) {
            this.smpp = null;
        } else {
            this.smpp = new SmppTransport(
                    new SmppSettings(
                            smppHost,
                            smppPort,
                            systemId,
                            smppPassword,
                            "",
                            window,
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(5)),
                    inbound);
            inbound.replyThrough(smpp);
            smpp.start();
        }
        log.info(
                "Transports: email {}, SMS {}",
                smtp == null ? "sandbox" : "SMTP " + smtpHost + ":" + smtpPort,
                smpp != null ? "SMPP " + smppHost + ":" + smppPort : httpSms != null ? "HTTP provider" : "sandbox");
    }

    /** True when the channel's messages go to the sandbox (recorded, not sent). */
    boolean sandboxed(clipcast.consent.Channel channel) {
        return switch (channel) {
            case EMAIL -> smtp == null;
            case SMS -> smpp == null && httpSms == null;
            case PUSH -> push == null;
        };
    }

    SendOutcome sendEmail(OutboxItem item, RenderedMessage.Email email, BooleanSupplier handOff) {
        return smtp.send(outbound(item, email), dkim.forSender(email.from()), handOff);
    }

    /** Sends an email that has no outbox message behind it (a confirmation link), signed with the given key. */
    SendOutcome sendEmail(OutboundEmail email, clipcast.delivery.email.DkimKey key) {
        return smtp.send(email, key);
    }

    SendOutcome sendSms(OutboxItem item, RenderedMessage.Sms sms, BooleanSupplier handOff) {
        if (!handOff.getAsBoolean()) {
            return new SendOutcome.RetryLater("CLAIM_LOST", "The message's claim is no longer ours; not sent");
        }
        var outbound = new OutboundSms(sms.from(), item.address(), sms.text());
        // The outbox message id is the idempotency key: a provider that honours it never sends a retry twice.
        return smpp != null
                ? smpp.send(outbound)
                : httpSms.send(outbound, item.id().toString());
    }

    SendOutcome sendPush(OutboxItem item, RenderedMessage.Push message, BooleanSupplier handOff) {
        if (!handOff.getAsBoolean()) {
            return new SendOutcome.RetryLater("CLAIM_LOST", "The message's claim is no longer ours; not sent");
        }
        java.net.URI url = null;
        try {
            url = message.url() == null ? null : java.net.URI.create(message.url());
        } catch (IllegalArgumentException ignored) {
            // a message without a usable link still goes out, without its link
        }
        return push.send(
                item.tenant(),
                item.contactId(),
                new clipcast.delivery.push.PushMessage(
                        message.title(), message.body(), url, item.campaignId().toString()));
    }

    /** Records the message in the sandbox, in the caller's transaction. */
    void recordInSandbox(OutboxItem item, RenderedMessage message) {
        String subject;
        String body;
        String raw;
        switch (message) {
            case RenderedMessage.Email email -> {
                subject = email.subject();
                body = email.text();
                raw = EmailComposer.wireText(outbound(item, email), dkim.forSender(email.from()));
            }
            case RenderedMessage.Sms sms -> {
                subject = "SMS from " + sms.from();
                body = sms.text();
                raw = null;
            }
            case RenderedMessage.Push push -> {
                subject = push.title();
                body = push.body() + (push.url() == null ? "" : "\n" + push.url());
                raw = null;
            }
            case RenderedMessage.Withdrawn withdrawn -> throw new IllegalArgumentException("Nothing to record");
        }
        sandbox.record(item.channel().name(), item.address(), subject, body, raw, item.campaignId(), item.id());
    }

    static OutboundEmail outbound(OutboxItem item, RenderedMessage.Email email) {
        return new OutboundEmail(
                item.id() + "@" + email.from().substring(email.from().lastIndexOf('@') + 1),
                email.from(),
                email.fromName(),
                email.replyTo(),
                item.address(),
                email.subject(),
                email.text(),
                email.html(),
                email.unsubscribeUrl(),
                email.unsubscribeMailto());
    }

    @Override
    public void close() {
        if (smtp != null) {
            smtp.close();
        }
        if (smpp != null) {
            smpp.close();
        }
        if (httpSms != null) {
            httpSms.close();
        }
    }
}
