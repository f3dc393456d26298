package clipcast.coupons.domain;

/** What is wrong with a row of an imported code file, or with the file as a whole. */
public enum CodeImportProblem {
    /** The row's code is empty; for the file: it has no codes at all. */
    REQUIRED,
    /** Not 4 to 64 characters A-Z, 0-9 and '-' once normalised. */
    INVALID_FORMAT,
    /** The offer's codes carry a check character and this one's is wrong. */
    INVALID_CHECK_CHARACTER,
    /** The code came before in the file: the second and every later row with it. */
    DUPLICATE_CODE,
    /** The tenant has the code already (codes are unique per tenant, across offers). */
    CODE_TAKEN
}
