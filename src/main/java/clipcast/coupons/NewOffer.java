package clipcast.coupons;

import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.Discount;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command to create an offer, valid once constructed. */
public record NewOffer(
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
        CodeFormat codeFormat) {

    /**
     * An offer from plain values, for other modules (which see only this package): discount type PERCENT, AMOUNT,
     * FREE_ITEM or TEXT; the code format's prefix, pattern (or length) and whether codes carry a check character.
     */
    public static NewOffer of(
            String name,
            String discountType,
            java.math.BigDecimal value,
            String currency,
            String text,
            String terms,
            Integer validDaysAfterIssue,
            Integer maxRedemptionsPerContact,
            Long maxRedemptionsTotal,
            List<String> channels,
            String codePrefix,
            String codePattern,
            boolean checkCharacter) {
        return new NewOffer(
                name,
                new Discount(clipcast.coupons.domain.DiscountType.valueOf(discountType), value, currency, text),
                terms,
                null,
                null,
                validDaysAfterIssue,
                1,
                maxRedemptionsPerContact,
                maxRedemptionsTotal,
                channels,
                new CodeFormat(
                        codePrefix, codePattern, null, clipcast.coupons.domain.CodeAlphabet.DEFAULT, checkCharacter));
    }

    public static final Set<String> CHANNELS = Set.of("EMAIL", "SMS", "PUSH", "WEB", "POS");

    public NewOffer {
        if (name == null || name.isBlank()) {
            throw new InvalidField("name", "An offer needs a name");
        }
        name = name.strip();
        if (name.length() > 200) {
            throw new InvalidField("name", "An offer name has at most 200 characters");
        }
        if (discount == null) {
            throw new InvalidField("discount", "An offer needs a discount");
        }
        terms = terms == null || terms.isBlank() ? null : terms.strip();
        if (terms != null && terms.length() > 5_000) {
            throw new InvalidField("terms", "Terms have at most 5000 characters");
        }
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            throw new InvalidField("validUntil", "validFrom must be before validUntil");
        }
        if (validDaysAfterIssue != null && (validDaysAfterIssue < 1 || validDaysAfterIssue > 3650)) {
            throw new InvalidField("validDaysAfterIssue", "validDaysAfterIssue is 1 to 3650 days");
        }
        maxRedemptionsPerCode = maxRedemptionsPerCode == null ? Integer.valueOf(1) : maxRedemptionsPerCode;
        if (maxRedemptionsPerCode < 1) {
            throw new InvalidField("maxRedemptionsPerCode", "maxRedemptionsPerCode is at least 1");
        }
        if (maxRedemptionsPerContact != null && maxRedemptionsPerContact < 1) {
            throw new InvalidField("maxRedemptionsPerContact", "maxRedemptionsPerContact is at least 1");
        }
        if (maxRedemptionsTotal != null && maxRedemptionsTotal < 1) {
            throw new InvalidField("maxRedemptionsTotal", "maxRedemptionsTotal is at least 1");
        }
        channels = channels == null
                ? List.of()
                : channels.stream()
                        .map(channel -> channel == null ? "" : channel.strip().toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList();
        for (var channel : channels) {
            if (!CHANNELS.contains(channel)) {
                throw new InvalidField("channels", "Unknown channel '" + channel + "'; one of " + CHANNELS);
            }
        }
        codeFormat = codeFormat == null ? CodeFormat.standard() : codeFormat;
    }
}
