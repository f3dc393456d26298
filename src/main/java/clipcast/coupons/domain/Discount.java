package clipcast.coupons.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/** What a coupon gives: a percentage off, an amount off in a currency, a free item, or a promise in words. */
public record Discount(DiscountType type, BigDecimal value, String currency, String text) {

    public Discount {
        Objects.requireNonNull(type, "A discount needs a type: PERCENT, AMOUNT, FREE_ITEM or TEXT");
        currency =
                currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT);
        text = text == null || text.isBlank() ? null : text.strip();
        switch (type) {
            case PERCENT -> {
                if (value == null || value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("A percent discount needs a value above 0 and at most 100");
                }
            }
            case AMOUNT -> {
                if (value == null || value.signum() <= 0) {
                    throw new IllegalArgumentException("An amount discount needs a value above 0");
                }
                if (currency == null || !currency.matches("[A-Z]{3}")) {
                    throw new IllegalArgumentException("An amount discount needs a three-letter currency (ISO 4217)");
                }
            }
            case FREE_ITEM, TEXT -> {
                if (text == null) {
                    throw new IllegalArgumentException("A " + type + " discount needs a text saying what it gives");
                }
            }
        }
        if (value != null && value.scale() > 2) {
            throw new IllegalArgumentException("A discount value has at most two decimals");
        }
        if (text != null && text.length() > 500) {
            throw new IllegalArgumentException("A discount text has at most 500 characters");
        }
    }
}
