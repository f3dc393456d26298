package clipcast.campaigns;

import java.time.Instant;
import java.util.UUID;

/** A campaign as a tenant writes it (the API's payload). */
public record CampaignRequest(
        String name,
        String channel,
        String purpose,
        UUID sender,
        Audience audience,
        String subject,
        String body,
        UUID offerId,
        Instant scheduledAt,
        String stagedRelease) {}
