package clipcast.coupons.domain;

import java.time.Instant;

/**
 * Everything that decides whether one code can be redeemed now, as read together from the database. Limits that
 * are {@code null} do not apply.
 */
public record CodeStanding(
        boolean voided,
        boolean offerPaused,
        Instant validFrom,
        Instant validUntil,
        int redemptions,
        Integer maxPerCode,
        int contactRedemptions,
        Integer maxPerContact,
        long offerRedemptions,
        Long maxTotal) {}
