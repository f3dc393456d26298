package clipcast.consent.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/** The E.164 form of a number as an SMSC reports it (often international digits without the plus). */
public final class SmsAddress {

    private SmsAddress() {}

    public static Optional<String> e164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 32) {
            return Optional.empty();
        }
        var text = raw.strip();
        if (!text.startsWith("+")) {
            text = "+" + text.replaceFirst("^00", "");
        }
        var util = PhoneNumberUtil.getInstance();
        try {
            var number = util.parse(text, "ZZ");
            if (!util.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
