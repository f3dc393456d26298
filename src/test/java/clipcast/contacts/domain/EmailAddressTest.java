package clipcast.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The address rules are written out by hand because the import checks a million addresses a file; they must
 * decide exactly as the regular expressions they replaced, kept here as the reference.
 */
class EmailAddressTest {

    @Property(tries = 3000)
    void any_text_is_normalised_as_the_regular_expressions_decide(@ForAll String text) {
        assertThat(EmailAddress.parse(text).map(EmailAddress::value)).isEqualTo(RegexReference.normalise(text));
    }

    @Property(tries = 5000)
    void address_like_text_is_normalised_as_the_regular_expressions_decide(@ForAll("addressLike") String text) {
        assertThat(EmailAddress.parse(text).map(EmailAddress::value))
                .as(text)
                .isEqualTo(RegexReference.normalise(text));
    }

    @Provide
    Arbitrary<String> addressLike() {
        var local = Arbitraries.strings()
                .withChars("aZ09.!#$%&'*+/=?^_`{|}~-\"() éİ")
                .ofMinLength(0)
                .ofMaxLength(70);
        var label =
                Arbitraries.strings().withChars("abcXYZ09-_é.。 ").ofMinLength(0).ofMaxLength(66);
        var top = Arbitraries.of(
                "com", "c", "c0m", "xn--p1ai", "xn--", "XN--P1AI", "de.", "", "рф", "co-", "a".repeat(64));
        var domain = Combinators.combine(label.list().ofMinSize(0).ofMaxSize(4), top)
                .as((labels, last) -> String.join(".", labels) + (labels.isEmpty() ? "" : ".") + last);
        return Combinators.combine(local, Arbitraries.of("@", "@@", ""), domain, Arbitraries.of("", " ", "\t"))
                .as((l, at, d, space) -> space + l + at + d + space);
    }

    /** The implementation before the import was made fast. */
    static final class RegexReference {

        private static final Pattern LOCAL =
                Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
        private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
        private static final Pattern TOP_LABEL = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

        static Optional<String> normalise(String text) {
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
    }
}
