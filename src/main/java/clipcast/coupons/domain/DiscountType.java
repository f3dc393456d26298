package clipcast.coupons.domain;

public enum DiscountType {
    PERCENT,
    AMOUNT,
    FREE_ITEM,
    TEXT
}
