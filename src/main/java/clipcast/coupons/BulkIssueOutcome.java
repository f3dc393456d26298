package clipcast.coupons;

import java.util.Map;
import java.util.UUID;

/** What issuing codes of one offer to many contacts at once gave. */
public sealed interface BulkIssueOutcome {

    /** Every contact's code, by contact. */
    record Issued(Map<UUID, String> codes) implements BulkIssueOutcome {}

    /** None issued, for the reason {@code why} (an offer missing, paused, expired or closed to the channel). */
    record NotIssued(IssueOutcome why) implements BulkIssueOutcome {}
}
