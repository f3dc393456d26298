package clipcast.contacts.domain;

import java.time.LocalDate;
import java.time.Period;

/** What a birth date allows: nothing under 13 (not even storing), no marketing consent under 16. */
public enum AgeBand {
    UNKNOWN,
    UNDER_13,
    UNDER_16,
    ADULT_FOR_MARKETING;

    public static AgeBand of(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return UNKNOWN;
        }
        int years = Period.between(birthDate, today).getYears();
        if (years < 13) {
            return UNDER_13;
        }
        return years < 16 ? UNDER_16 : ADULT_FOR_MARKETING;
    }

    public boolean mayGiveMarketingConsent() {
        return this == UNKNOWN || this == ADULT_FOR_MARKETING;
    }
}
