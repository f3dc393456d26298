package clipcast.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders claimed messages just before they are sent: the campaigns module implements it (templates, merge fields,
 * the footer built from each recipient's own consent record). Called in the tenant's scope, once per batch.
 */
public interface MessageRenderer {

    /** A rendering for every item, by outbox message id. */
    Map<UUID, RenderedMessage> render(List<OutboxItem> items);
}
