package clipcast.delivery.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP SMS provider: the URI messages are posted to, the bearer token it expects, how long one request may take
 * (connecting, waiting for the answer and reading it) and how many requests may be under way at once. Plain
 * {@code http} is accepted only with {@code allowPlainHttp} (a provider on the local network, tests): the token
 * would otherwise cross the network readable.
 */
public record HttpSmsSettings(URI endpoint, String token, Duration timeout, int maxConcurrent, boolean allowPlainHttp) {

    public HttpSmsSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(timeout, "timeout");
        if (endpoint.getRawUserInfo() != null) {
            // credentials in the URI would show wherever the endpoint is printed; they belong in the token
            throw new IllegalArgumentException("The SMS provider endpoint must not carry credentials");
        }
        var scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPlainHttp)) {
            throw new IllegalArgumentException(
                    "The SMS provider endpoint must be https (plain http only when allowed explicitly): " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("The SMS provider endpoint needs a host: " + endpoint);
        }
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            // it becomes a header value: no spaces, no line breaks, nothing a header cannot carry
            throw new IllegalArgumentException("The SMS provider token must be printable ASCII without spaces");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The SMS provider timeout must be positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("At least one request to the SMS provider must be allowed at once");
        }
    }

    /** A provider on https with the given limits. */
    public static HttpSmsSettings https(URI endpoint, String token, Duration timeout, int maxConcurrent) {
        return new HttpSmsSettings(endpoint, token, timeout, maxConcurrent, false);
    }

    @Override
    public String toString() {
        return "HttpSmsSettings[endpoint=" + endpoint + ", token=****, timeout=" + timeout + ", maxConcurrent="
                + maxConcurrent + ", allowPlainHttp=" + allowPlainHttp + "]";
    }
}
