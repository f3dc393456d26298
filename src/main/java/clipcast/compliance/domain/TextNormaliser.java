package clipcast.compliance.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Folds text for matching while keeping every character at its position, so that a match in the folded text is
 * the same span of the original: lower case, accents removed, punctuation turned into spaces, and look-alike
 * digits and signs inside words read as the letters they imitate ({@code v1@gr4} is {@code viagra}).
 */
final class TextNormaliser {

    private static final Map<Character, Character> LOOK_ALIKES =
            Map.of('0', 'o', '1', 'i', '3', 'e', '4', 'a', '5', 's', '7', 't', '@', 'a', '$', 's', '!', 'i', '|', 'l');

    private TextNormaliser() {}

    static String normalise(String text) {
        var folded = new char[text.length()];
        for (int i = 0; i < text.length(); i++) {
            folded[i] = fold(text.charAt(i));
        }
        var result = new char[folded.length];
        for (int i = 0; i < folded.length; i++) {
            char c = folded[i];
            var lookAlike = LOOK_ALIKES.get(text.charAt(i));
            var original = text.charAt(i);
            boolean inWord = original == '!' || original == '|' ? betweenLetters(folded, i) : touchesLetter(folded, i);
            if (lookAlike != null && inWord) {
                c = lookAlike;
            }
            result[i] = c;
        }
        return new String(result);
    }

    private static char fold(char c) {
        if (Character.isLetter(c)) {
            var base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD);
            var first = base.isEmpty() ? c : base.charAt(0);
            return Character.isLetter(first)
                    ? String.valueOf(first).toLowerCase(Locale.ROOT).charAt(0)
                    : c;
        }
        if (Character.isDigit(c)) {
            return c;
        }
        return LOOK_ALIKES.containsKey(c) ? c : ' ';
    }

    /** A digit, {@code @} or {@code $} counts as a letter beside a letter (so prices stay numbers). */
    private static boolean touchesLetter(char[] folded, int i) {
        return (i > 0 && Character.isLetter(folded[i - 1]))
                || (i + 1 < folded.length && Character.isLetter(folded[i + 1]));
    }

    /** {@code !} and {@code |} count as letters only inside a word, not as punctuation after one ({@code now!}). */
    private static boolean betweenLetters(char[] folded, int i) {
        return i > 0 && i + 1 < folded.length && Character.isLetter(folded[i - 1]) && Character.isLetter(folded[i + 1]);
    }
}
