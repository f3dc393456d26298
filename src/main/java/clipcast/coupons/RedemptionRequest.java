package clipcast.coupons;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;

/** A till asking to redeem a code: the code, and optionally the order and who is redeeming. */
public record RedemptionRequest(String code, BigDecimal orderAmount, String currency, String location, UUID contactId) {

    public RedemptionRequest {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("A redemption needs a code");
        }
        if (code.length() > 100) {
            throw new IllegalArgumentException("A code has at most 100 characters");
        }
        if (orderAmount != null && orderAmount.signum() < 0) {
            throw new IllegalArgumentException("orderAmount cannot be negative");
        }
        currency =
                currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency is a three-letter code (ISO 4217)");
        }
        location = location == null || location.isBlank() ? null : location.strip();
        if (location != null && location.length() > 200) {
            throw new IllegalArgumentException("location has at most 200 characters");
        }
    }

    public static RedemptionRequest of(String code) {
        return new RedemptionRequest(code, null, null, null, null);
    }
}
