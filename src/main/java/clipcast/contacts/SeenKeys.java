package clipcast.contacts;

/**
 * The addresses an import has met so far, as a Bloom filter of a fixed 16 MiB, so that a file of any length is
 * read in constant memory. It answers whether an address may have come before: "no" is certain, "yes" is wrong
 * for fewer than one address in a million in a file of a million rows (0.4 % at ten million). The import merges
 * the rows of every address that may repeat in SQL and inserts all others directly; a wrong "yes" only sends one
 * more address through the merge.
 */
final class SeenKeys {

    private static final int BITS_LOG2 = 27;
    private static final long MASK = (1L << BITS_LOG2) - 1;
    private static final int PROBES = 4;

    private final long[] words = new long[1 << (BITS_LOG2 - 6)];

    /** Remembers the address; true when it may have been seen before. */
    boolean add(String key) {
        long hash = hash(key);
        long h1 = hash & 0xFFFFFFFFL;
        long h2 = hash >>> 32 | 1;
        boolean seen = true;
        for (int i = 0; i < PROBES; i++) {
            long bit = (h1 + i * h2) & MASK;
            int word = (int) (bit >>> 6);
            long flag = 1L << (bit & 63);
            if ((words[word] & flag) == 0) {
                seen = false;
                words[word] |= flag;
            }
        }
        return seen;
    }

    /** FNV-1a over the characters, then the SplitMix64 finaliser so that both halves are well mixed. */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
