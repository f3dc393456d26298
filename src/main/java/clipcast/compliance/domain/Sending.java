package clipcast.compliance.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the policies know of the message and its sender at the moment of deciding.
 *
 * @param now the time of the decision (the campaign's scheduled time in a preflight)
 * @param accountFrozen the tenant is frozen or deactivated: nothing goes out
 * @param creditsLeft message credits left (or plan quota), before this message
 * @param fingerprint the message's content fingerprint for this recipient
 * @param recentFingerprints fingerprints of what this recipient got on this channel within the duplicate window
 * @param sentInCapWindow messages this recipient got on this channel within the frequency-cap window
 * @param frequencyCap the most messages allowed in that window
 */
public record Sending(
        Instant now,
        boolean accountFrozen,
        long creditsLeft,
        ContentFingerprint fingerprint,
        List<ContentFingerprint> recentFingerprints,
        int sentInCapWindow,
        int frequencyCap) {}
