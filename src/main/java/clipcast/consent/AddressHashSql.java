package clipcast.consent;

/**
 * The HMAC-SHA-256 of suppressed addresses, computable in SQL with PostgreSQL's built-in {@code sha256}: the key's
 * inner and outer pads are bound as parameters, so set-based audience queries join the suppression lists directly.
 *
 * @param innerPad the key, zero-padded to 64 bytes, XOR 0x36
 * @param outerPad the same XOR 0x5c
 */
public record AddressHashSql(byte[] innerPad, byte[] outerPad) {

    private static final int BLOCK = 64;

    static AddressHashSql of(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("A hashing key longer than a block is hashed first; not used here");
        }
        var inner = new byte[BLOCK];
        var outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        return new AddressHashSql(inner, outer);
    }

    /**
     * The SQL expression of the hash of {@code addressExpression} on a channel, with two named parameters
     * {@code :hashInner} and {@code :hashOuter} to bind to {@link #innerPad} and {@link #outerPad}.
     */
    public static String expression(String channel, String addressExpression) {
        if (!channel.matches("[A-Z]+")) {
            throw new IllegalArgumentException("Not a channel: " + channel);
        }
        return "sha256(:hashOuter || sha256(:hashInner || convert_to('" + channel + ":' || " + addressExpression
                + ", 'UTF8')))";
    }

    @Override
    public String toString() {
        return "AddressHashSql[<hidden>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressHashSql that
                && java.util.Arrays.equals(innerPad, that.innerPad)
                && java.util.Arrays.equals(outerPad, that.outerPad);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(innerPad);
    }
}
