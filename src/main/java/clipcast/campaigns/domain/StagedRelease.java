package clipcast.campaigns.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a campaign goes out in two parts: first a sample (10 % of the eligible recipients, at most 1,000), then,
 * after the hold, the rest, if what came back from the sample stays under the thresholds.
 */
public final class StagedRelease {

    /** Why a send is risky enough to be staged. */
    public enum Reason {
        OPERATOR_CHOICE,
        NEW_ACCOUNT,
        FIRST_SEND_TO_IMPORTED_CONTACTS,
        LARGE_AUDIENCE,
        CONTENT_REVIEW
    }

    /**
     * @param samplePercent share of the eligible recipients in the sample
     * @param sampleMax most recipients in the sample
     * @param largeAudience from this many eligible recipients a send is large
     * @param newAccountAge an account younger than this is new
     * @param hold how long the sample is watched
     * @param maxComplaintRate complaints per sent message above which the campaign is held (e.g. 0.003)
     * @param maxBounceRate hard bounces per sent message above which it is held (e.g. 0.05)
     * @param maxUnsubscribeRate unsubscribes per sent message above which it is held (e.g. 0.02)
     */
    public record Rules(
            int samplePercent,
            int sampleMax,
            long largeAudience,
            Duration newAccountAge,
            Duration hold,
            double maxComplaintRate,
            double maxBounceRate,
            double maxUnsubscribeRate) {}

    /** What is known of a campaign when it launches. */
    public record Facts(
            String choice,
            Duration accountAge,
            boolean accountSentBefore,
            long importedRecipients,
            long eligible,
            boolean contentNeedsReview) {}

    /** The outcome of the watch over the sample. */
    public sealed interface Verdict {
        record Release() implements Verdict {}

        record Hold(String reason) implements Verdict {}
    }

    private StagedRelease() {}

    public static List<Reason> reasons(Rules rules, Facts facts) {
        var reasons = new ArrayList<Reason>();
        if ("NEVER".equals(facts.choice())) {
            return reasons;
        }
        if ("ALWAYS".equals(facts.choice())) {
            reasons.add(Reason.OPERATOR_CHOICE);
        }
        if (facts.accountAge().compareTo(rules.newAccountAge()) < 0 || !facts.accountSentBefore()) {
            reasons.add(Reason.NEW_ACCOUNT);
        }
        if (facts.importedRecipients() > 0) {
            reasons.add(Reason.FIRST_SEND_TO_IMPORTED_CONTACTS);
        }
        if (facts.eligible() >= rules.largeAudience()) {
            reasons.add(Reason.LARGE_AUDIENCE);
        }
        if (facts.contentNeedsReview()) {
            reasons.add(Reason.CONTENT_REVIEW);
        }
        return reasons;
    }

    /** The sample's size: the share of the eligible, rounded up, at least 1, at most the maximum. */
    public static long sampleSize(Rules rules, long eligible) {
        if (eligible <= 0) {
            return 0;
        }
        long share = (eligible * rules.samplePercent() + 99) / 100;
        return Math.max(1, Math.min(rules.sampleMax(), share));
    }

    /** Releases the rest when every rate of the sample is at or under its threshold; holds it otherwise. */
    public static Verdict judge(Rules rules, long sent, long complaints, long hardBounces, long unsubscribes) {
        if (sent == 0) {
            return new Verdict.Release();
        }
        if ((double) complaints / sent > rules.maxComplaintRate()) {
            return new Verdict.Hold("COMPLAINT_RATE");
        }
        if ((double) hardBounces / sent > rules.maxBounceRate()) {
            return new Verdict.Hold("BOUNCE_RATE");
        }
        if ((double) unsubscribes / sent > rules.maxUnsubscribeRate()) {
            return new Verdict.Hold("UNSUBSCRIBE_RATE");
        }
        return new Verdict.Release();
    }
}
