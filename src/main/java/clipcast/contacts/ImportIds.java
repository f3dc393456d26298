package clipcast.contacts;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The contact ids and ledger entry ids of one import, made in the JVM while the file is read, so that the database
 * spends nothing on them (PostgreSQL's {@code uuidv7()} asks OpenSSL for randomness once per call: 1.4 s per
 * million). They are
 * UUIDv7 (RFC 9562) like {@link clipcast.TimeOrderedIds}: 62 bits from {@link SecureRandom}, read a few kilobytes at a
 * time, and the 12 bits after the millisecond timestamp a counter (the RFC's method 1), so each id is greater than
 * the one before and the contacts of an import land in id order at the end of their index.
 */
final class ImportIds {

    /**
     * NIST SP 800-90A's Hash_DRBG, seeded by the operating system: 16 MB of randomness per million rows in 50 ms,
     * where the default {@code NativePRNG} (which mixes SHA1PRNG into every read of {@code /dev/urandom}) takes 0.3 to
     * 0.5 s.
     */
    private static final SecureRandom RANDOM = drbg();

    private static final int MAX_COUNTER = 0xFFF;

    private final Clock clock;
    private final byte[] randomness = new byte[8 * 1024];
    private int used = randomness.length;
    private long millis = -1;
    private int counter;

    ImportIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long now = clock.millis();
        if (now > millis) {
            millis = now;
            counter = 0;
        } else if (++counter > MAX_COUNTER) {
            millis++;
            counter = 0;
        }
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (randomLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private long randomLong() {
        if (used == randomness.length) {
            RANDOM.nextBytes(randomness);
            used = 0;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (randomness[used++] & 0xFF);
        }
        return value;
    }
}
