package clipcast.coupons;

import clipcast.coupons.domain.RefusalReason;

/** What issuing a code to a contact gave. */
public sealed interface IssueOutcome {

    /** The contact's code; {@code created} is false when the contact had it already. */
    record Issued(IssuedCode code, boolean created) implements IssueOutcome {}

    record OfferNotFound() implements IssueOutcome {}

    record ChannelNotAllowed(String channel) implements IssueOutcome {}

    record Refused(RefusalReason reason) implements IssueOutcome {}
}
