package clipcast.coupons;

import java.time.Instant;
import java.util.UUID;

/** A code handed to one contact, with the token of its public coupon page. */
public record IssuedCode(
        String code, UUID offerId, UUID contactId, Instant issuedAt, Instant validUntil, String pageToken) {}
