package clipcast.delivery.push.domain;

import java.util.Base64;
import java.util.Optional;

/** The unpadded base64url of Web Push keys and JWTs (RFC 7515 appendix C); padding is tolerated on input. */
public final class Base64Url {

    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The decoded bytes, empty for text that is not base64url. */
    public static Optional<byte[]> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var unpadded = text.strip();
        int end = unpadded.length();
        while (end > 0 && unpadded.charAt(end - 1) == '=') {
            end--;
        }
        unpadded = unpadded.substring(0, end);
        if (!unpadded.chars().allMatch(Base64Url::isAlphabet)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(unpadded));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isAlphabet(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
