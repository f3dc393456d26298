package clipcast.delivery.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

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

    /**
     * The message written out once (line ends CRLF) with its DKIM-Signature header on top; writing the returned
     * message out writes exactly those bytes, the ones that were signed. The key never leaves the signer.
     */
    public static MimeMessage sign(MimeMessage message, DkimKey key) throws MessagingException {
        var out = new ByteSink(8192);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("Cannot write the message out", e);
        }
        var body = DkimSignature.crlf(out.bytes(), out.length());
        var header =
                DkimSignature.header(body, key, SIGNED_HEADERS, Instant.now().getEpochSecond());
        var wire = new byte[header.length + body.length];
        System.arraycopy(header, 0, wire, 0, header.length);
        System.arraycopy(body, 0, wire, header.length, body.length);
        return new WireMessage(message, wire);
    }

    private static final Session OFFLINE = Session.getInstance(new java.util.Properties());

    /** The message exactly as it would go on the wire, DKIM signature included (what the sandbox records). */
    public static String wireText(OutboundEmail email, DkimKey key) {
        try {
            var out = new ByteArrayOutputStream(8192);
            sign(compose(OFFLINE, email), key).writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot write the message out", e);
        }
    }

    /** A message already written out and signed: its envelope comes from the original, its text is the bytes. */
    private static final class WireMessage extends MimeMessage {
        private final MimeMessage original;
        private final byte[] wire;

        WireMessage(MimeMessage original, byte[] wire) {
            super(original.getSession());
            this.original = original;
            this.wire = wire;
        }

        @Override
        public jakarta.mail.Address[] getFrom() throws MessagingException {
            return original.getFrom();
        }

        @Override
        public jakarta.mail.Address[] getRecipients(Message.RecipientType type) throws MessagingException {
            return original.getRecipients(type);
        }

        @Override
        public jakarta.mail.Address[] getAllRecipients() throws MessagingException {
            return original.getAllRecipients();
        }

        @Override
        public String[] getHeader(String name) throws MessagingException {
            return original.getHeader(name);
        }

        @Override
        public int getSize() {
            return wire.length;
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(wire);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            os.write(wire);
        }
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
