package clipcast.consent;

/** How a consent was given or withdrawn. The last two are recorded by Clipcast itself, never accepted as input. */
public enum ConsentMethod {
    WEB_FORM,
    DOUBLE_OPT_IN,
    IMPORT,
    API,
    SMS_KEYWORD,
    POINT_OF_SALE,
    PREFERENCE_PAGE,
    ONE_CLICK;

    /** Whether a caller of the API may claim this method. */
    public boolean acceptedFromCallers() {
        return this != PREFERENCE_PAGE && this != ONE_CLICK;
    }
}
