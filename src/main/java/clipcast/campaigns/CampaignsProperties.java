package clipcast.campaigns;

import clipcast.campaigns.domain.StagedRelease;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign rules the operator sets for the whole platform.
 *
 * @param batchSize recipients decided per keyset batch
 * @param duplicateWindow how far back the same or a similar message to a recipient blocks another
 * @param capWindow the window of the frequency caps
 * @param maxEmailCap the platform's most emails per recipient in the cap window (tenants may set less)
 * @param maxSmsCap the same for SMS
 * @param maxPushCap the same for push
 * @param stagedSamplePercent share of the eligible recipients a staged release sends first (then {@code stagedSampleMax}
 *     at most), watched for {@code stagedHold} against the three rate thresholds; over one, the campaign is held and,
 *     with {@code stagedFreezeOnHold}, the account frozen
 * @param senderTokenValidity how long an email sender's confirmation link works
 */
@ConfigurationProperties("clipcast.campaigns")
public record CampaignsProperties(
        @DefaultValue("50000") int batchSize,
        @DefaultValue("7d") Duration duplicateWindow,
        @DefaultValue("7d") Duration capWindow,
        @DefaultValue("7") int maxEmailCap,
        @DefaultValue("4") int maxSmsCap,
        @DefaultValue("14") int maxPushCap,
        @DefaultValue("10") int stagedSamplePercent,
        @DefaultValue("1000") int stagedSampleMax,
        @DefaultValue("10000") long stagedLargeAudience,
        @DefaultValue("30d") Duration stagedNewAccountAge,
        @DefaultValue("6h") Duration stagedHold,
        @DefaultValue("0.003") double stagedMaxComplaintRate,
        @DefaultValue("0.05") double stagedMaxBounceRate,
        @DefaultValue("0.02") double stagedMaxUnsubscribeRate,
        @DefaultValue("false") boolean stagedFreezeOnHold,
        @DefaultValue("48h") Duration senderTokenValidity) {

    /** The staged-release rules. */
    StagedRelease.Rules stagedRules() {
        return new StagedRelease.Rules(
                stagedSamplePercent,
                stagedSampleMax,
                stagedLargeAudience,
                stagedNewAccountAge,
                stagedHold,
                stagedMaxComplaintRate,
                stagedMaxBounceRate,
                stagedMaxUnsubscribeRate);
    }

    int maxCap(String channel) {
        return switch (channel) {
            case "SMS" -> maxSmsCap;
            case "PUSH" -> maxPushCap;
            default -> maxEmailCap;
        };
    }
}
