package clipcast.coupons;

import java.math.BigInteger;

/** What asking for new codes gave: a job (maybe already done), or why not. */
public sealed interface CodeRequestOutcome {

    record Started(CodeJob job) implements CodeRequestOutcome {}

    record OfferNotFound() implements CodeRequestOutcome {}

    /** The format cannot make enough codes to stay unguessable: {@code space} < {@code needed}. */
    record CodeSpaceTooSmall(BigInteger space, BigInteger needed) implements CodeRequestOutcome {}
}
