package clipcast.delivery.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * DKIM signing (RFC 6376): rsa-sha256 with relaxed header and relaxed body canonicalisation, computed over the exact
 * bytes that go on the wire. The message is written out once, signed, and sent as those bytes: it is never parsed
 * again, and what was hashed is what is sent.
 */
final class DkimSignature {

    private static final ThreadLocal<Signature> RSA = ThreadLocal.withInitial(() -> {
        try {
            return RsaSigning.newSignature();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is always available", e);
        }
    });

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    private DkimSignature() {}

    /**
     * The {@code DKIM-Signature} header field, CRLF included, for {@code message} (headers, empty line, body; line
     * ends CRLF), covering those of {@code headerNames} that the message has.
     */
    static byte[] header(byte[] message, DkimKey key, String[] headerNames, long epochSeconds) {
        int split = endOfHeaders(message);
        var fields = fields(message, split);
        var signed = new ArrayList<String>();
        var canonicalHeaders = new StringBuilder(1024);
        for (var name : headerNames) {
            var field = last(fields, name);
            if (field != null) {
                signed.add(name.toLowerCase(Locale.ROOT));
                canonicalHeaders.append(relaxedHeader(field)).append("\r\n");
            }
        }
        int bodyStart = Math.min(message.length, split + 4);
        var digest = SHA256.get();
        digest.reset();
        var body = new ByteSink(message.length - bodyStart + 2);
        relaxedBody(message, bodyStart, body);
        digest.update(body.bytes(), 0, body.length());
        var tags = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector() + "; t="
                + epochSeconds + "; h=" + String.join(":", signed) + "; bh="
                + Base64.getEncoder().encodeToString(digest.digest()) + "; b=";
        canonicalHeaders.append("dkim-signature:").append(tags);
        byte[] signature;
        try {
            var rsa = RSA.get();
            rsa.initSign(key.privateKey());
            rsa.update(canonicalHeaders.toString().getBytes(StandardCharsets.ISO_8859_1));
            signature = rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the DKIM key", e);
        }
        return ("DKIM-Signature: " + tags + fold(Base64.getEncoder().encodeToString(signature)) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The first {@code length} bytes of {@code bytes} with every line ending made CRLF (a lone CR or LF included), as
     * SMTP sends it.
     */
    static byte[] crlf(byte[] bytes, int length) {
        int lone = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                if (i + 1 < length && bytes[i + 1] == '\n') {
                    i++;
                } else {
                    lone++;
                }
            } else if (b == '\n') {
                lone++;
            }
        }
        if (lone == 0) {
            return java.util.Arrays.copyOf(bytes, length);
        }
        var out = new byte[length + lone];
        int o = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                if (b == '\r' && i + 1 < length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[o++] = b;
            }
        }
        return out;
    }

    /** The index of the CRLF CRLF that ends the header block, or the message length when there is no body. */
    private static int endOfHeaders(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i;
            }
        }
        return message.length;
    }

    /** The header fields, each unfolded-as-written (continuation lines kept), without its final CRLF. */
    private static List<String> fields(byte[] message, int end) {
        var text = new String(message, 0, end, StandardCharsets.ISO_8859_1);
        var fields = new ArrayList<String>();
        for (var line : text.split("\r\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        return fields;
    }

    /** The last field called {@code name} (DKIM signs the bottom-most instance), or null. */
    private static String last(List<String> fields, String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            var field = fields.get(i);
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** RFC 6376 3.4.2: name lowercased, value unfolded, whitespace runs made one space, trimmed around the colon. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        var name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        var value = field.substring(colon + 1).replace("\r\n", "");
        var out = new StringBuilder(name.length() + value.length() + 1)
                .append(name)
                .append(':');
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && out.length() > name.length() + 1) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * RFC 6376 3.4.4: whitespace runs within a line made one space, whitespace at line ends removed, empty lines at
     * the end removed; a non-empty body ends with CRLF.
     */
    static byte[] relaxedBody(byte[] message, int start) {
        var out = new ByteSink(message.length - start + 2);
        relaxedBody(message, start, out);
        return java.util.Arrays.copyOf(out.bytes(), out.length());
    }

    /** The relaxed body of {@code message} from {@code start}, written to {@code out} (at most 2 bytes longer). */
    private static void relaxedBody(byte[] message, int start, ByteSink out) {
        int pendingEmptyLines = 0;
        int i = start;
        while (i < message.length) {
            int end = i;
            while (end < message.length
                    && !(message[end] == '\r' && end + 1 < message.length && message[end + 1] == '\n')) {
                end++;
            }
            int first = i;
            while (first < end && (message[first] == ' ' || message[first] == '\t')) {
                first++;
            }
            if (first == end) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                if (first > i) {
                    out.write(' ');
                }
                boolean space = false;
                for (int j = first; j < end; j++) {
                    byte b = message[j];
                    if (b == ' ' || b == '\t') {
                        space = true;
                    } else {
                        if (space) {
                            out.write(' ');
                        }
                        space = false;
                        out.write(b);
                    }
                }
                out.write('\r');
                out.write('\n');
            }
            i = end + 2;
        }
    }

    /** The signature folded into lines of 72 characters (whitespace inside b= is ignored by verifiers). */
    private static String fold(String base64) {
        var out = new StringBuilder(base64.length() + base64.length() / 24);
        for (int i = 0; i < base64.length(); i += 72) {
            out.append("\r\n\t").append(base64, i, Math.min(base64.length(), i + 72));
        }
        return out.toString();
    }
}
