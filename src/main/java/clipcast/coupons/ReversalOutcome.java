package clipcast.coupons;

/** What asking to reverse a redemption gave. */
public sealed interface ReversalOutcome {

    record Reversed(Redemption redemption) implements ReversalOutcome {}

    record NotFound() implements ReversalOutcome {}

    record AlreadyReversed() implements ReversalOutcome {}

    record WindowClosed() implements ReversalOutcome {}
}
