package clipcast.coupons.domain;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an offer's codes look: a fixed prefix, then either {@code length} random characters or a pattern, then an
 * optional check character. In a pattern {@code #} is a random digit of the alphabet, {@code ?} a random letter
 * of the alphabet, {@code *} any character of the alphabet; every other character (A-Z, 0-9, '-') stands as it is:
 * {@code SPRING-####-????}.
 */
public record CodeFormat(String prefix, String pattern, Integer length, CodeAlphabet alphabet, boolean checkCharacter) {

    public static final int DEFAULT_LENGTH = 10;
    /** The shortest and the longest code Clipcast holds (see {@link #isWellFormed}). */
    public static final int MIN_CODE_LENGTH = 4;

    public static final int MAX_CODE_LENGTH = 64;
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9-]{0,20}");
    private static final Pattern PATTERN = Pattern.compile("[A-Z0-9#?*-]{1,40}");

    public CodeFormat {
        prefix = prefix == null ? "" : prefix.strip().toUpperCase(Locale.ROOT);
        pattern = pattern == null || pattern.isBlank() ? null : pattern.strip().toUpperCase(Locale.ROOT);
        alphabet = alphabet == null ? CodeAlphabet.DEFAULT : alphabet;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("A prefix has at most 20 characters A-Z, 0-9 and '-'");
        }
        if (pattern != null) {
            if (!PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException(
                        "A pattern has at most 40 characters: # (digit), ? (letter), * (any), A-Z, 0-9 and '-'");
            }
            if (pattern.chars().noneMatch(c -> c == '#' || c == '?' || c == '*')) {
                throw new IllegalArgumentException("A pattern needs at least one random position (#, ? or *)");
            }
            if (pattern.indexOf('#') >= 0 && alphabet.digits().isEmpty()) {
                throw new IllegalArgumentException("The pattern asks for digits (#) but the alphabet has none");
            }
            if (pattern.indexOf('?') >= 0 && alphabet.letters().isEmpty()) {
                throw new IllegalArgumentException("The pattern asks for letters (?) but the alphabet has none");
            }
            length = null;
        } else {
            length = length == null ? DEFAULT_LENGTH : length;
            if (length < 4 || length > 40) {
                throw new IllegalArgumentException("A code length is 4 to 40 characters");
            }
        }
    }

    public static CodeFormat standard() {
        return new CodeFormat("", null, null, CodeAlphabet.DEFAULT, false);
    }

    /** The template after the prefix: one character per position, placeholders included. */
    public String template() {
        return pattern != null ? pattern : "*".repeat(length);
    }

    /** The full length of a code: prefix, template, check character. */
    public int codeLength() {
        return prefix.length() + template().length() + (checkCharacter ? 1 : 0);
    }

    /** How many different codes this format can make. */
    public BigInteger codeSpace() {
        var space = BigInteger.ONE;
        var digits = BigInteger.valueOf(alphabet.digits().length());
        var letters = BigInteger.valueOf(alphabet.letters().length());
        var all = BigInteger.valueOf(alphabet.size());
        for (char c : template().toCharArray()) {
            space = switch (c) {
                case '#' -> space.multiply(digits);
                case '?' -> space.multiply(letters);
                case '*' -> space.multiply(all);
                default -> space;
            };
        }
        return space;
    }

    /** Whether the space is large enough for this many codes to stay unguessable (10^6 guesses per code). */
    public boolean isLargeEnoughFor(long codes) {
        return codeSpace().compareTo(BigInteger.valueOf(codes).multiply(BigInteger.TEN.pow(6))) >= 0;
    }

    /** Whether a (normalised) code has this format's shape: prefix, literals, characters of the right kind. */
    public boolean hasShapeOf(String code) {
        if (code.length() != codeLength() || !code.startsWith(prefix)) {
            return false;
        }
        var template = template();
        var digits = alphabet.digits();
        var letters = alphabet.letters();
        for (int i = 0; i < template.length(); i++) {
            char t = template.charAt(i);
            char c = code.charAt(prefix.length() + i);
            boolean fits = switch (t) {
                case '#' -> digits.indexOf(c) >= 0;
                case '?' -> letters.indexOf(c) >= 0;
                case '*' -> alphabet.contains(c);
                default -> c == t;
            };
            if (!fits) {
                return false;
            }
        }
        return !checkCharacter || alphabet.contains(code.charAt(code.length() - 1));
    }

    /** Whether a code could have been made by this format: its shape, and its check character when it has one. */
    public boolean accepts(String code) {
        return hasShapeOf(code) && (!checkCharacter || CheckCharacter.isValid(alphabet, checkedCharacters(code)));
    }

    /** The random characters of a code followed by its check character: what the check character covers. */
    String checkedCharacters(String code) {
        var template = template();
        var covered = new StringBuilder(template.length() + 1);
        for (int i = 0; i < template.length(); i++) {
            char t = template.charAt(i);
            if (t == '#' || t == '?' || t == '*') {
                covered.append(code.charAt(prefix.length() + i));
            }
        }
        return covered.append(code.charAt(code.length() - 1)).toString();
    }

    /**
     * Whether a normalised code is one Clipcast holds at all, whatever its offer's format: 4 to 64 characters A-Z,
     * 0-9 and '-'. By hand rather than with a regular expression: an import checks millions of codes.
     */
    public static boolean isWellFormed(String code) {
        int length = code.length();
        if (length < MIN_CODE_LENGTH || length > MAX_CODE_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A code as people type it, made comparable: no surrounding or inner spaces, upper case. */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        // By hand rather than replaceAll: this runs on every till request, and a regular expression is compiled
        // for each call of String.replaceAll.
        var kept = new StringBuilder(typed.length());
        typed.codePoints().filter(c -> !isRegexWhitespace(c)).forEach(kept::appendCodePoint);
        return kept.toString().toUpperCase(Locale.ROOT);
    }

    /** The characters {@code \s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexWhitespace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
