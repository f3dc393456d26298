package clipcast.coupons.domain;

import java.util.random.RandomGenerator;

/**
 * Makes codes of one format from a random source (a {@code SecureRandom} in production). Random bytes are drawn
 * in blocks and mapped to characters by rejection sampling, so every character is equally likely.
 */
public final class CodeGenerator {

    private final CodeFormat format;
    private final RandomGenerator random;
    private final char[][] choices;
    private final String prefix;
    private final byte[] block = new byte[8192];
    private int next = block.length;

    public CodeGenerator(CodeFormat format, RandomGenerator random) {
        this.format = format;
        this.random = random;
        this.prefix = format.prefix();
        var template = format.template();
        var alphabet = format.alphabet();
        choices = new char[template.length()][];
        for (int i = 0; i < template.length(); i++) {
            choices[i] = switch (template.charAt(i)) {
                case '#' -> alphabet.digits().toCharArray();
                case '?' -> alphabet.letters().toCharArray();
                case '*' -> alphabet.characters().toCharArray();
                default -> null;
            };
        }
    }

    public String next() {
        var template = format.template();
        var code = new StringBuilder(format.codeLength()).append(prefix);
        var covered = format.checkCharacter() ? new StringBuilder(template.length() + 1) : null;
        for (int i = 0; i < template.length(); i++) {
            var options = choices[i];
            if (options == null) {
                code.append(template.charAt(i));
            } else {
                char c = options[uniform(options.length)];
                code.append(c);
                if (covered != null) {
                    covered.append(c);
                }
            }
        }
        if (covered != null) {
            code.append(CheckCharacter.compute(format.alphabet(), covered));
        }
        return code.toString();
    }

    /** A uniform number in [0, bound), bound ≤ 36, from one random byte, rejecting the biased top of the range. */
    private int uniform(int bound) {
        int limit = 256 - 256 % bound;
        while (true) {
            if (next == block.length) {
                random.nextBytes(block);
                next = 0;
            }
            int b = block[next++] & 0xFF;
            if (b < limit) {
                return b % bound;
            }
        }
    }
}
