package clipcast.coupons;

/** How an offer is doing: codes made, issued to contacts, redeemed (not reversed), coupon page impressions. */
public record OfferStats(long codes, long issued, long redemptions, long impressions) {}
