package clipcast.delivery.email;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a message is written into, without the lock that {@link
 * java.io.ByteArrayOutputStream} takes on every call: Jakarta Mail's quoted-printable encoder writes a message body
 * one byte at a time, so a 5 KB message took 5,000 uncontended locks. One thread owns a sink.
 */
final class ByteSink extends OutputStream {

    private byte[] bytes;
    private int length;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** The buffer itself, valid up to {@link #length()}; it is not copied. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
