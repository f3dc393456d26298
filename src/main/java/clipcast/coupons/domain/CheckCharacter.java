package clipcast.coupons.domain;

/**
 * A check character over an alphabet of size N: the weighted sum of the character values, with every weight a
 * unit modulo N, is made 0 modulo N. Changing any single character changes the sum by {@code w·(a−b)}, which a
 * unit weight never turns into 0 mod N, so every single-character typo is caught; weights that differ between
 * neighbours also catch most swaps of adjacent characters.
 */
public final class CheckCharacter {

    private static final int[][] WEIGHTS = new int[37][];

    static {
        for (int n = 2; n <= 36; n++) {
            int size = n;
            WEIGHTS[n] = java.util.stream.IntStream.range(1, n)
                    .filter(k -> gcd(k, size) == 1)
                    .toArray();
        }
    }

    private CheckCharacter() {}

    /** The check character for these characters, all of which belong to the alphabet. */
    public static char compute(CodeAlphabet alphabet, CharSequence characters) {
        int n = alphabet.size();
        int[] weights = unitWeights(n);
        long sum = weightedSum(alphabet, characters, weights);
        // The check character stands at the next position, with its own weight.
        int w = weights[characters.length() % weights.length];
        int wInverse = inverse(w, n);
        int value = (int) Math.floorMod(-sum * wInverse, (long) n);
        return alphabet.at(value);
    }

    /** Whether the last character is the right check character for the ones before it. */
    public static boolean isValid(CodeAlphabet alphabet, CharSequence charactersWithCheck) {
        if (charactersWithCheck.length() < 2) {
            return false;
        }
        for (int i = 0; i < charactersWithCheck.length(); i++) {
            if (!alphabet.contains(charactersWithCheck.charAt(i))) {
                return false;
            }
        }
        int[] weights = unitWeights(alphabet.size());
        return Math.floorMod(weightedSum(alphabet, charactersWithCheck, weights), (long) alphabet.size()) == 0;
    }

    private static long weightedSum(CodeAlphabet alphabet, CharSequence characters, int[] weights) {
        long sum = 0;
        for (int i = 0; i < characters.length(); i++) {
            sum += (long) weights[i % weights.length] * alphabet.indexOf(characters.charAt(i));
        }
        return sum;
    }

    /** 1, 2, 3, … skipping numbers that share a factor with n: each is invertible modulo n. */
    private static int[] unitWeights(int n) {
        return WEIGHTS[n];
    }

    private static int inverse(int w, int n) {
        for (int x = 1; x < n; x++) {
            if ((long) w * x % n == 1) {
                return x;
            }
        }
        throw new IllegalStateException(w + " has no inverse modulo " + n);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
