package clipcast.coupons.domain;

import java.util.Objects;

/**
 * The characters a code is drawn from: upper-case letters and digits only (codes are read case-insensitively),
 * each at most once. The default leaves out the look-alikes 0/O and 1/I/L.
 */
public record CodeAlphabet(String characters) {

    public static final CodeAlphabet DEFAULT = new CodeAlphabet("23456789ABCDEFGHJKMNPQRSTUVWXYZ");

    public CodeAlphabet {
        Objects.requireNonNull(characters, "alphabet");
        if (characters.length() < 2 || characters.length() > 36) {
            throw new IllegalArgumentException("An alphabet has 2 to 36 characters");
        }
        for (int i = 0; i < characters.length(); i++) {
            char c = characters.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("An alphabet has only upper-case letters A-Z and digits 0-9");
            }
            if (characters.indexOf(c) != i) {
                throw new IllegalArgumentException("An alphabet has each character once: '" + c + "' repeats");
            }
        }
    }

    public static CodeAlphabet of(String characters) {
        return characters == null || characters.isBlank() ? DEFAULT : new CodeAlphabet(characters.strip());
    }

    public int size() {
        return characters.length();
    }

    public int indexOf(char c) {
        return characters.indexOf(c);
    }

    public char at(int index) {
        return characters.charAt(index);
    }

    public boolean contains(char c) {
        return characters.indexOf(c) >= 0;
    }

    /** The digits of this alphabet, in order (possibly empty). */
    public String digits() {
        return characters
                .chars()
                .filter(Character::isDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** The letters of this alphabet, in order (possibly empty). */
    public String letters() {
        return characters
                .chars()
                .filter(Character::isLetter)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
