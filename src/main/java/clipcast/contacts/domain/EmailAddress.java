package clipcast.contacts.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * A syntactically valid email address in its normalised form: trimmed, lower case, an internationalised domain
 * in its ASCII (punycode) form, so the same mailbox is always the same text.
 */
public final class EmailAddress {

    private static final String ATOM_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private final String value;

    /** Only {@link #parse} makes one, from the text it has just normalised (a record would check it a second time). */
    private EmailAddress(String value) {
        this.value = value;
    }

    /** The normalised address this text is, or empty when it is not a valid address. */
    public static Optional<EmailAddress> parse(String text) {
        return normalise(text).map(EmailAddress::new);
    }

    public String value() {
        return value;
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
        if (local.length() > 64 || !isDotAtom(local)) {
            return Optional.empty();
        }
        var domain = trimmed.substring(at + 1);
        // An ASCII domain is its own ASCII form: IDN.toASCII would only refuse what the label rules below refuse.
        if (!isAscii(domain)) {
            try {
                domain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.length() > 253 || !isHostName(domain)) {
            return Optional.empty();
        }
        var address = local + "@" + domain;
        return address.length() > 254 ? Optional.empty() : Optional.of(address);
    }

    /** Atoms of letters, digits and the specials RFC 5322 allows, joined by single dots (the local part). */
    private static boolean isDotAtom(String local) {
        boolean atomStart = true;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    return false;
                }
                atomStart = true;
            } else if (isLowerAlphanumeric(c) || ATOM_SPECIALS.indexOf(c) >= 0) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }

    /**
     * At least two labels of letters, digits and inner hyphens, 1 to 63 characters each; the last one letters only
     * (2 to 63) or an internationalised top-level domain ({@code xn--} and 1 to 59 more).
     */
    private static boolean isHostName(String domain) {
        int labels = 0;
        int start = 0;
        while (true) {
            int end = domain.indexOf('.', start);
            boolean last = end < 0;
            if (last) {
                end = domain.length();
            }
            if (!isLabel(domain, start, end)) {
                return false;
            }
            labels++;
            if (last) {
                return labels >= 2 && isTopLabel(domain.substring(start));
            }
            start = end + 1;
        }
    }

    private static boolean isLabel(String domain, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 63 || domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = domain.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTopLabel(String label) {
        if (label.startsWith("xn--")) {
            return label.length() >= 5 && label.length() <= 63;
        }
        if (label.length() < 2 || label.length() > 63) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress address && value.equals(address.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
