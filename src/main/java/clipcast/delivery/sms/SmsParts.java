package clipcast.delivery.sms;

import clipcast.compliance.domain.Gsm7Alphabet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into SMPP short messages: GSM-7 (data coding 0, unpacked septets) when every character allows it,
 * else UCS-2 (data coding 8, UTF-16BE). Longer texts become concatenated parts, each starting with an 8-bit
 * reference user data header (05 00 03 ref total seq); an escape pair or a surrogate pair is never cut.
 */
record SmsParts(byte dataCoding, boolean withHeader, List<byte[]> parts) {

    static final byte GSM_7 = 0x00;
    static final byte UCS_2 = 0x08;

    static SmsParts of(String text, int reference) {
        if (Gsm7Alphabet.canEncode(text)) {
            var septets = Gsm7Alphabet.encode(text);
            if (septets.length <= 160) {
                return new SmsParts(GSM_7, false, List.of(septets));
            }
            var chunks = new ArrayList<byte[]>();
            int start = 0;
            while (start < septets.length) {
                int end = Math.min(start + 153, septets.length);
                if (end < septets.length && septets[end - 1] == 0x1B) {
                    end--; // keep the escape with the character it announces
                }
                chunks.add(java.util.Arrays.copyOfRange(septets, start, end));
                start = end;
            }
            return new SmsParts(GSM_7, true, withHeaders(chunks, reference));
        }
        if (text.length() <= 70) {
            return new SmsParts(UCS_2, false, List.of(text.getBytes(StandardCharsets.UTF_16BE)));
        }
        var chunks = new ArrayList<byte[]>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + 67, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end).getBytes(StandardCharsets.UTF_16BE));
            start = end;
        }
        return new SmsParts(UCS_2, true, withHeaders(chunks, reference));
    }

    private static List<byte[]> withHeaders(List<byte[]> chunks, int reference) {
        var parts = new ArrayList<byte[]>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            var chunk = chunks.get(i);
            var part = new byte[6 + chunk.length];
            part[0] = 0x05;
            part[1] = 0x00;
            part[2] = 0x03;
            part[3] = (byte) reference;
            part[4] = (byte) chunks.size();
            part[5] = (byte) (i + 1);
            System.arraycopy(chunk, 0, part, 6, chunk.length);
            parts.add(part);
        }
        return parts;
    }

    /** The text of a received short message (no user data header). */
    static String decode(byte dataCoding, byte[] message) {
        return switch (dataCoding & 0x0F) {
            case 0x08 -> new String(message, StandardCharsets.UTF_16BE);
            case 0x03 -> new String(message, StandardCharsets.ISO_8859_1);
            default -> Gsm7Alphabet.decode(message);
        };
    }
}
