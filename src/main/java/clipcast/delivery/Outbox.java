package clipcast.delivery;

import clipcast.tenancy.TenantScope;
import java.util.List;
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
}
