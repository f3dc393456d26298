package clipcast.coupons;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's text {@code COPY} format (a tab between columns, a line feed after each row, UTF-8), built in
 * one byte array that is handed to the COPY and reused. Text is escaped as that format asks: a backslash, tab, line
 * feed or carriage return inside a value would otherwise end it.
 */
final class TextCopyRows {

    private byte[] bytes;
    private int length;
    private boolean rowStarted;

    TextCopyRows(int capacity) {
        this.bytes = new byte[capacity];
    }

    TextCopyRows bigint(long value) {
        separate();
        var digits = Long.toString(value);
        ensure(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            bytes[length++] = (byte) digits.charAt(i);
        }
        return this;
    }

    TextCopyRows text(String value) {
        separate();
        int start = length;
        ensure(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: start again from the UTF-8 bytes (no byte of a multi-byte character is ASCII).
                length = start;
                var utf8 = value.getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length * 2);
                for (byte b : utf8) {
                    escape(b);
                }
                return this;
            }
            escape((byte) c);
        }
        return this;
    }

    void endRow() {
        ensure(1);
        bytes[length++] = '\n';
        rowStarted = false;
    }

    int length() {
        return length;
    }

    /** The buffer; its first {@link #length()} bytes are the rows so far. */
    byte[] bytes() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    private void separate() {
        if (rowStarted) {
            ensure(1);
            bytes[length++] = '\t';
        }
        rowStarted = true;
    }

    private void escape(byte b) {
        switch (b) {
            case '\\' -> put('\\', '\\');
            case '\t' -> put('\\', 't');
            case '\n' -> put('\\', 'n');
            case '\r' -> put('\\', 'r');
            default -> bytes[length++] = b;
        }
    }

    private void put(char escape, char c) {
        bytes[length++] = (byte) escape;
        bytes[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
