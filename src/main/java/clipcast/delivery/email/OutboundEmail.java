package clipcast.delivery.email;

import java.net.URI;
import java.util.Objects;

/**
 * A rendered email, ready for the wire: a marketing email with its unsubscribe addresses, or a transactional one
 * (a confirmation link) without them.
 *
 * @param messageId globally unique id, without angle brackets ({@code <uuid>@<sending domain>})
 * @param from the verified sender address
 * @param fromName the sender's display name
 * @param replyTo the tenant's true email, where replies go
 * @param to the recipient
 * @param subject the subject
 * @param text the plain-text part
 * @param html the HTML part (may be null for text-only)
 * @param unsubscribeUrl the one-click unsubscribe URL (RFC 8058), https; null only for a transactional email
 * @param unsubscribeMailto the mailto unsubscribe address (RFC 2369); null only for a transactional email
 */
public record OutboundEmail(
        String messageId,
        String from,
        String fromName,
        String replyTo,
        String to,
        String subject,
        String text,
        String html,
        URI unsubscribeUrl,
        String unsubscribeMailto) {

    public OutboundEmail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if ((unsubscribeUrl == null) != (unsubscribeMailto == null)) {
            throw new IllegalArgumentException("An email has both unsubscribe addresses (marketing) or neither");
        }
        if (unsubscribeUrl != null
                && !"https".equals(unsubscribeUrl.getScheme())
                && !"http".equals(unsubscribeUrl.getScheme())) {
            throw new IllegalArgumentException("The unsubscribe URL must be http(s): " + unsubscribeUrl);
        }
    }

    /** A one-off message about something the recipient asked for, such as a confirmation link: no unsubscribe. */
    public static OutboundEmail transactional(
            String messageId, String from, String fromName, String replyTo, String to, String subject, String text) {
        return new OutboundEmail(messageId, from, fromName, replyTo, to, subject, text, null, null, null);
    }

    /** True for a marketing email, which carries the List-Unsubscribe headers. */
    public boolean marketing() {
        return unsubscribeUrl != null;
    }
}
