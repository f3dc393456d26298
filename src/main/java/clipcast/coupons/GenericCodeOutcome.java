package clipcast.coupons;

/** What asking for an offer's shared code gave. */
public sealed interface GenericCodeOutcome {

    record Created(String code) implements GenericCodeOutcome {}

    record OfferNotFound() implements GenericCodeOutcome {}

    /** A shared code must be bounded: the offer needs maxRedemptionsTotal. */
    record NeedsTotalCap() implements GenericCodeOutcome {}

    record AlreadyExists(String code) implements GenericCodeOutcome {}

    /** The chosen code belongs to another code of the tenant already. */
    record CodeTaken() implements GenericCodeOutcome {}
}
