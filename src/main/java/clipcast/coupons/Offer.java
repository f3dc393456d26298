package clipcast.coupons;

import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.Discount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An offer as stored: what it gives, when, how often, through which channels, and how its codes look. */
public record Offer(
        UUID id,
        String name,
        Discount discount,
        String terms,
        Instant validFrom,
        Instant validUntil,
        Integer validDaysAfterIssue,
        Integer maxRedemptionsPerCode,
        Integer maxRedemptionsPerContact,
        Long maxRedemptionsTotal,
        List<String> channels,
        CodeFormat codeFormat,
        boolean paused,
        long redeemedTotal,
        Instant createdAt) {}
