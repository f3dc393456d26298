package clipcast.campaigns.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a sender may be: an email address for email; for SMS an alphanumeric sender id of at most 11 characters
 * (GSM letters and digits, at least one letter) or a number in E.164 form. An SMS sender id may not imitate a brand
 * from the protected list (compared without case, spaces, accents and leetspeak).
 */
public final class SenderRules {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9 .&_-]{1,11}");
    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private SenderRules() {}

    public static boolean validEmail(String address) {
        return address != null && EMAIL.matcher(address).matches();
    }

    public static boolean isNumber(String senderId) {
        return senderId != null && NUMBER.matcher(senderId).matches();
    }

    public static boolean validSmsSender(String senderId) {
        if (senderId == null) {
            return false;
        }
        return isNumber(senderId)
                || (ALPHANUMERIC.matcher(senderId).matches() && senderId.chars().anyMatch(Character::isLetter));
    }

    /** The protected brand the sender id imitates, or null. */
    public static String imitatedBrand(String senderId, Set<String> protectedBrands, Set<String> ownBrands) {
        var squeezed = squeeze(senderId);
        for (var brand : protectedBrands) {
            var squeezedBrand = squeeze(brand);
            if (squeezedBrand.length() >= 3
                    && squeezed.contains(squeezedBrand)
                    && ownBrands.stream().map(SenderRules::squeeze).noneMatch(squeezedBrand::equals)) {
                return brand;
            }
        }
        return null;
    }

    static String squeeze(String text) {
        var plain = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        var out = new StringBuilder();
        for (char c : plain.toCharArray()) {
            char mapped = switch (c) {
                case '0', 'ø' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            };
            if (Character.isLetterOrDigit(mapped)) {
                out.append(mapped);
            }
        }
        return out.toString();
    }
}
