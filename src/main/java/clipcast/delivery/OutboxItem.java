package clipcast.delivery;

import clipcast.consent.Channel;
import clipcast.tenancy.TenantId;
import java.util.UUID;

/** A claimed outbox message, as the renderer and the transports see it. */
public record OutboxItem(
        TenantId tenant,
        UUID id,
        UUID campaignId,
        UUID contactId,
        Channel channel,
        String purpose,
        String address,
        String country,
        String timeZone,
        String couponCode,
        int attempts) {}
