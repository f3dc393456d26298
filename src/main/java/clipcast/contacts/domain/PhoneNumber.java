package clipcast.contacts.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Optional;

/** A valid phone number in E.164 form, with the region (country) it belongs to. */
public record PhoneNumber(String e164, String region) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    public PhoneNumber {
        if (e164 == null || !e164.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("Not an E.164 phone number");
        }
    }

    /**
     * Parses a number as a person writes it; a number without {@code +} is read in {@code defaultRegion} (the
     * contact's country). Empty when it is not a valid number.
     */
    public static Optional<PhoneNumber> parse(String text, String defaultRegion) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return Optional.empty();
        }
        var region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
        try {
            var number = UTIL.parse(text.strip(), region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(
                    UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The time zone of the number's area when it has exactly one known, else the first the data lists. */
    public Optional<String> timeZone() {
        try {
            var zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(UTIL.parse(e164, "ZZ"));
            return zones.stream()
                    .filter(zone -> !zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                    .findFirst();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return e164;
    }
}
