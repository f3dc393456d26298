package clipcast.compliance.domain;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet and its extension table, as SMPP carries it (one septet per octet, an extension
 * character as the escape 0x1B followed by its code).
 */
public final class Gsm7Alphabet {

    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    private static final byte ESCAPE = 0x1B;

    private Gsm7Alphabet() {}

    public static boolean canEncode(String text) {
        return text.chars().allMatch(c -> (BASIC.indexOf(c) >= 0 && c != ESCAPE) || EXTENSION.indexOf(c) >= 0);
    }

    /** 1 for a basic character, 2 for an extension character. */
    public static int septets(char c) {
        return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }

    public static byte[] encode(String text) {
        var out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int extension = EXTENSION.indexOf(c);
            if (extension >= 0) {
                out.write(ESCAPE);
                out.write(EXTENSION_CODES[extension]);
            } else {
                int basic = BASIC.indexOf(c);
                if (basic < 0 || c == ESCAPE) {
                    throw new IllegalArgumentException("Not in the GSM 7-bit alphabet: U+%04X".formatted((int) c));
                }
                out.write(basic);
            }
        }
        return out.toByteArray();
    }

    /** Decodes unpacked septets; unknown codes become U+FFFD rather than failing on a peer's odd message. */
    public static String decode(byte[] septets) {
        var text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                int extension = indexOf(EXTENSION_CODES, (byte) next);
                text.append(extension >= 0 ? EXTENSION.charAt(extension) : '\uFFFD');
            } else {
                text.append(code < BASIC.length() ? BASIC.charAt(code) : '\uFFFD');
            }
        }
        return text.toString();
    }

    private static int indexOf(byte[] codes, byte code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }
}
