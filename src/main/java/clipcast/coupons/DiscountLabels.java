package clipcast.coupons;

import clipcast.coupons.domain.Discount;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A discount as a person reads it, in their language: "10 % off", "EUR 5.00 off", "Free: a coffee". */
@Component
class DiscountLabels {

    private final MessageSource messages;

    DiscountLabels(MessageSource messages) {
        this.messages = messages;
    }

    String label(Discount discount) {
        Locale locale = LocaleContextHolder.getLocale();
        var number = NumberFormat.getNumberInstance(locale);
        number.setMaximumFractionDigits(2);
        return switch (discount.type()) {
            case PERCENT ->
                messages.getMessage("coupon.discount.PERCENT", new Object[] {number.format(discount.value())}, locale);
            case AMOUNT -> {
                number.setMinimumFractionDigits(2);
                yield messages.getMessage(
                        "coupon.discount.AMOUNT",
                        new Object[] {number.format(discount.value()), discount.currency()},
                        locale);
            }
            case FREE_ITEM -> messages.getMessage("coupon.discount.FREE_ITEM", new Object[] {discount.text()}, locale);
            case TEXT -> discount.text();
        };
    }
}
