package clipcast.delivery;

import java.net.URI;
import java.util.Objects;

/**
 * A message rendered for one recipient (template, then the mandatory footer), or the reason it must not go out.
 */
public sealed interface RenderedMessage
        permits RenderedMessage.Email, RenderedMessage.Sms, RenderedMessage.Push, RenderedMessage.Withdrawn {

    /**
     * @param replyTo the tenant's true email
     * @param unsubscribeUrl the recipient's one-click unsubscribe URL (RFC 8058)
     * @param unsubscribeMailto the mailto unsubscribe address (RFC 2369)
     */
    record Email(
            String from,
            String fromName,
            String replyTo,
            String subject,
            String text,
            String html,
            URI unsubscribeUrl,
            String unsubscribeMailto)
            implements RenderedMessage {

        public Email {
            Objects.requireNonNull(unsubscribeUrl, "every marketing email carries a one-click unsubscribe URL");
            Objects.requireNonNull(unsubscribeMailto, "every marketing email carries a mailto unsubscribe address");
        }
    }

    /** @param from the registered sender id or number */
    record Sms(String from, String text) implements RenderedMessage {}

    record Push(String title, String body, String url) implements RenderedMessage {}

    /** Not to be sent (the campaign was cancelled, its sender lost its verification, …): the code says why. */
    record Withdrawn(String code) implements RenderedMessage {}
}
