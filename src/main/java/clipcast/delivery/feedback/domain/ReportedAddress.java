package clipcast.delivery.feedback.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * An email address as a report gives it ({@code rfc822; Ana@Example.ORG}, {@code <ana@bücher.example>}), in the form
 * the outbox keeps recipients: lower case, the domain in its ASCII (punycode) form, without a trailing dot.
 */
public final class ReportedAddress {

    private ReportedAddress() {}

    /** The address of a typed field value ({@code rfc822; ana@example.org}), or of a bare address. */
    public static Optional<String> ofTypedField(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semicolon = value.indexOf(';');
        return normalise(semicolon < 0 ? value : value.substring(semicolon + 1));
    }

    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var address = text.strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        int at = address.lastIndexOf('@');
        if (address.length() > 320 || at <= 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        var local = address.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == 0x7f)) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.startsWith(".") || !domain.contains(".")) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain);
    }
}
