package clipcast.compliance.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a message says once the parts that differ per recipient are taken out: merge values (names), codes and
 * numbers are removed before hashing. Two fingerprints are the same message when their exact hashes match, and a
 * near duplicate when their 64-bit SimHashes over word pairs differ in at most {@link #NEAR_BITS} bits. Both are
 * plain {@code bigint}s, so the audience query can compare them in SQL ({@code bit_count((a # b)::bit(64))}).
 */
public record ContentFingerprint(long exact, long simhash) {

    public static final int NEAR_BITS = 6;

    private static final Pattern CODE_OR_NUMBER = Pattern.compile("\\S*\\d\\S*|\\b[A-Z]{2,}(?:-[A-Z0-9]+)+\\b");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    public static ContentFingerprint of(String text, Collection<String> mergeValues) {
        var stripped = text;
        for (var value : mergeValues) {
            if (value != null && !value.isBlank()) {
                stripped = stripped.replace(value, " ");
            }
        }
        stripped = URL.matcher(stripped).replaceAll(" ");
        stripped = CODE_OR_NUMBER.matcher(stripped).replaceAll(" ");
        var words = NOT_WORD.split(stripped.toLowerCase(Locale.ROOT).strip());
        var normalised = String.join(" ", words).strip();
        return new ContentFingerprint(hash64(normalised), simhash(words));
    }

    public boolean sameOrSimilar(ContentFingerprint other) {
        return exact == other.exact || Long.bitCount(simhash ^ other.simhash) <= NEAR_BITS;
    }

    private static long simhash(String[] words) {
        var features = new HashSet<String>();
        for (int i = 0; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                features.add(words[i]);
                if (i + 1 < words.length) {
                    features.add(words[i] + " " + words[i + 1]);
                }
            }
        }
        var weights = new int[64];
        for (var feature : features) {
            long hash = hash64(feature);
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long result = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                result |= 1L << bit;
            }
        }
        return result;
    }

    private static long hash64(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
