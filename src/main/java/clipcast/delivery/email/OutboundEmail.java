package clipcast.delivery.email;

import java.net.URI;
import java.util.Objects;

/**
 * A rendered email, ready for the wire.
 *
 * @param messageId globally unique id, without angle brackets ({@code <uuid>@<sending domain>})
 * @param from the verified sender address
 * @param fromName the sender's display name
 * @param replyTo the tenant's true email, where replies go
 * @param to the recipient
 * @param subject the subject
 * @param text the plain-text part
 * @param html the HTML part (may be null for text-only)
 * @param unsubscribeUrl the one-click unsubscribe URL (RFC 8058), https
 * @param unsubscribeMailto the mailto unsubscribe address (RFC 2369)
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
        Objects.requireNonNull(unsubscribeUrl, "every marketing email carries a one-click unsubscribe URL");
        Objects.requireNonNull(unsubscribeMailto, "every marketing email carries a mailto unsubscribe address");
        if (!"https".equals(unsubscribeUrl.getScheme()) && !"http".equals(unsubscribeUrl.getScheme())) {
            throw new IllegalArgumentException("The unsubscribe URL must be http(s): " + unsubscribeUrl);
        }
    }
}
