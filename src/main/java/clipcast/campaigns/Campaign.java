package clipcast.campaigns;

import clipcast.campaigns.domain.CampaignStatus;
import clipcast.consent.Channel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign as stored, with its launch progress. */
public record Campaign(
        UUID id,
        String name,
        Channel channel,
        String purpose,
        UUID senderId,
        Audience audience,
        String subject,
        String body,
        UUID offerId,
        Instant scheduledAt,
        CampaignStatus status,
        String stagedRelease,
        List<String> stagedReasons,
        Integer sampleSize,
        Instant holdUntil,
        String heldReason,
        String evaluation,
        long eligible,
        long blocked,
        long deferred,
        Instant launchedAt,
        Instant finishedAt,
        Instant createdAt) {}
