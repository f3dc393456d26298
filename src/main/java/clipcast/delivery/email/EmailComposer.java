package clipcast.delivery.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Turns a rendered email into MIME: multipart text + HTML, Message-ID, the tenant's Reply-To, and for marketing
 * email the RFC 2369 / RFC 8058 unsubscribe headers; then signs it with DKIM (rsa-sha256, relaxed/relaxed), covering
 * those headers.
 */
public final class EmailComposer {

    static final String[] SIGNED_HEADERS = {
        "From",
        "Reply-To",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "MIME-Version",
        "Content-Type",
        "List-Unsubscribe",
        "List-Unsubscribe-Post"
    };

    private EmailComposer() {}

    public static MimeMessage compose(Session session, OutboundEmail email) throws MessagingException {
        var message = new IdentifiedMessage(session, email.messageId());
        try {
            message.setFrom(new InternetAddress(email.from(), email.fromName(), StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        if (email.replyTo() != null) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(email.replyTo())});
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to()));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (email.marketing()) {
            message.setHeader(
                    "List-Unsubscribe", "<" + email.unsubscribeUrl() + ">, <mailto:" + email.unsubscribeMailto() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (email.html() == null) {
            message.setText(email.text(), StandardCharsets.UTF_8.name());
        } else {
            var text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name());
            var html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        }
        message.saveChanges();
        return message;
    }

    /** The message wrapped so that writing it out signs it; the key never leaves the signer. */
    public static MimeMessage sign(MimeMessage message, DkimKey key) throws MessagingException {
        var signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setCheckDomainKey(false);
        for (var header : SIGNED_HEADERS) {
            signer.addHeaderToSign(header);
        }
        return new DkimMessage(message, signer);
    }

    /** Keeps our Message-ID instead of the one Jakarta Mail would invent on saveChanges. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
