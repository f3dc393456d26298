package clipcast.coupons;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A redemption that happened (and may have been reversed since). */
public record Redemption(
        UUID id,
        UUID offerId,
        String code,
        UUID contactId,
        BigDecimal orderAmount,
        String currency,
        String location,
        Instant redeemedAt,
        Instant reversedAt) {}
