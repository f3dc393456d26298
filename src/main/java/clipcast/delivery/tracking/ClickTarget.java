package clipcast.delivery.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a click link leads: an absolute {@code http} or {@code https} URL with a host and without user info
 * ({@code https://bank.example@evil.example} reads as the first host to people), at most 2,048 characters, in its
 * ASCII form so that it can stand in a {@code Location} header as signed.
 */
record ClickTarget(String url) {

    static final int MAX_LENGTH = 2048;

    ClickTarget {
        if (!isCanonical(url)) {
            throw new IllegalArgumentException("Not an absolute http(s) URL in ASCII form");
        }
    }

    /** The target this text names, in ASCII form; empty for relative, non-http(s) or malformed URLs. */
    static Optional<ClickTarget> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            var ascii = new URI(text.strip()).toASCIIString();
            return isCanonical(ascii) ? Optional.of(new ClickTarget(ascii)) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isCanonical(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        try {
            var uri = new URI(url);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && !uri.isOpaque()
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
