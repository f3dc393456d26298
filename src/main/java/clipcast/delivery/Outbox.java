package clipcast.delivery;

import clipcast.tenancy.TenantScope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The delivery module's API for campaigns: put messages in the outbox, release or cancel what a staged release
 * holds back, and read where a campaign's messages are. Works in the current tenant scope.
 */
@Service
public class Outbox {

    private final OutboxRepository repository;

    Outbox(OutboxRepository repository) {
        this.repository = repository;
    }

    /** Adds the messages in the caller's transaction; an entry already there (same campaign and contact) is kept. */
    public int enqueue(List<OutboxEntry> entries) {
        return repository.enqueue(TenantScope.requireTenant(), entries);
    }

    /** Makes up to {@code limit} held messages of the campaign claimable. */
    public int releaseHeld(UUID campaignId, int limit) {
        return repository.releaseHeld(TenantScope.requireTenant(), campaignId, limit);
    }

    /** Cancels every message of the campaign not yet sent, with the reason. */
    public int cancelUnsent(UUID campaignId, String code) {
        return repository.cancelUnsent(TenantScope.requireTenant(), campaignId, code);
    }

    public CampaignDelivery delivery(UUID campaignId) {
        return repository.delivery(TenantScope.requireTenant(), campaignId);
    }

    /**
     * For bounces and complaints: the email whose Message-ID carries this id, once it was handed to its transport.
     * In the platform scope it is found whatever its tenant (a report does not say whose message it was).
     */
    public Optional<OutboxItem> handedEmail(UUID messageId) {
        return repository.findHandedEmail(messageId);
    }

    /** For reports that do not name the message: the email most recently sent to this normalised address. */
    public Optional<OutboxItem> latestEmailSentTo(String normalisedAddress) {
        return repository.findLatestEmailSentTo(normalisedAddress);
    }

    /**
     * Records what came back for a message ({@code HARD_BOUNCE}, {@code SOFT_BOUNCE}, {@code COMPLAINT}, ...).
     * False when the message has this bounce or complaint already: a report posted twice counts once.
     */
    public boolean recordEvent(OutboxItem item, String kind, String detail) {
        return repository.addEvent(item, kind, detail);
    }
}
