package clipcast.contacts.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A syntactically valid email address in its normalised form: trimmed, lower case, an internationalised domain
 * in its ASCII (punycode) form, so the same mailbox is always the same text.
 */
public record EmailAddress(String value) {

    private static final Pattern LOCAL =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    public EmailAddress {
        if (value == null || normalise(value).filter(value::equals).isEmpty()) {
            throw new IllegalArgumentException("Not a valid, normalised email address");
        }
    }

    /** The normalised address this text is, or empty when it is not a valid address. */
    public static Optional<EmailAddress> parse(String text) {
        return normalise(text).map(EmailAddress::new);
    }

    private static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var trimmed = text.strip();
        if (trimmed.length() > 320 || trimmed.isEmpty()) {
            return Optional.empty();
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        var local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        var labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            return Optional.empty();
        }
        for (var label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (!TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        var address = local + "@" + domain;
        return address.length() > 254 ? Optional.empty() : Optional.of(address);
    }

    @Override
    public String toString() {
        return value;
    }
}
