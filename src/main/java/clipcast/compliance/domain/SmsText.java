package clipcast.compliance.domain;

/**
 * How an SMS text travels: GSM-7 when every character is in the GSM 03.38 alphabet (its extension table costs
 * two septets a character), else UCS-2; and in how many segments (160/153 septets or 70/67 UTF-16 units, never
 * splitting an escape pair or a surrogate pair across two segments).
 */
public record SmsText(Encoding encoding, int units, int segments) {

    public enum Encoding {
        GSM_7,
        UCS_2
    }

    public static SmsText of(String text) {
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    public static boolean isGsm7(String text) {
        return Gsm7Alphabet.canEncode(text);
    }

    private static SmsText gsm7(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += Gsm7Alphabet.septets(text.charAt(i));
        }
        if (septets <= 160) {
            return new SmsText(Encoding.GSM_7, septets, septets == 0 ? 0 : 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = Gsm7Alphabet.septets(text.charAt(i));
            if (used + size > 153) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return new SmsText(Encoding.GSM_7, septets, segments);
    }

    private static SmsText ucs2(String text) {
        int units = text.length();
        if (units <= 70) {
            return new SmsText(Encoding.UCS_2, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int size = Character.charCount(text.codePointAt(i));
            if (used + size > 67) {
                segments++;
                used = 0;
            }
            used += size;
            i += size;
        }
        return new SmsText(Encoding.UCS_2, units, segments);
    }
}
