package clipcast.compliance.domain;

/** What content screening looks for: the prohibited categories, and tricks that hide where a message leads. */
public enum ContentCategory {
    DATING_ESCORT,
    DRUGS_MEDICINE,
    INTIMATE_PRODUCTS,
    WORK_FROM_HOME,
    TRADING_TIPS,
    MLM,
    AFFILIATE,
    DEBT,
    SUPPLEMENTS,
    LIST_BROKERING,
    PIRATED_GOODS,
    PHISHING,
    EMERGENCY_SERVICES,
    OBSCENE_THREATENING,
    LINK_SHORTENER,
    PLATFORM_CONTACT
}
