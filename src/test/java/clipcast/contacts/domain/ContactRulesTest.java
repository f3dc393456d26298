package clipcast.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ContactRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    static ContactRules.Outcome normalise(String email, String phone, String country, LocalDate birth) {
        return ContactRules.normalise(
                new ContactFields(email, phone, null, null, country, null, null, birth, Map.of(), List.of()), TODAY);
    }

    @Test
    void email_addresses_are_trimmed_lower_cased_and_idn_domains_become_punycode() {
        assertThat(EmailAddress.parse("  Jean@Bücher.DE ").orElseThrow().value())
                .isEqualTo("jean@xn--bcher-kva.de");
        assertThat(EmailAddress.parse("a.b+tag@sub.example.co.uk")).isPresent();
    }

    @Test
    void malformed_email_addresses_are_refused() {
        for (var bad : List.of(
                "",
                "plain",
                "@x.com",
                "a@",
                "a@b",
                "a..b@x.com",
                "a@-x.com",
                "a b@x.com",
                "a@x.c0m",
                "a@x..com",
                "\"q\"@x.com",
                "a@" + "x".repeat(64) + ".com")) {
            assertThat(EmailAddress.parse(bad)).as(bad).isEmpty();
        }
    }

    @Property(tries = 500)
    void normalising_an_email_twice_changes_nothing(@ForAll String text) {
        EmailAddress.parse(text)
                .ifPresent(
                        email -> assertThat(EmailAddress.parse(email.value())).contains(email));
    }

    @Property(tries = 500)
    void any_text_as_a_phone_number_parses_or_is_refused_without_crashing(@ForAll String text) {
        PhoneNumber.parse(text, "FR")
                .ifPresent(phone -> assertThat(phone.e164()).startsWith("+"));
    }

    @Test
    void phones_become_e164_in_the_contacts_country_and_lend_it_their_country_and_time_zone() {
        var valid = (ContactRules.Valid) normalise(null, "020 7946 0958", "gb", null);
        assertThat(valid.contact().phone().e164()).isEqualTo("+442079460958");
        assertThat(valid.contact().timeZone()).isEqualTo("Europe/London");
        assertThat(valid.contact().timeZoneSource()).isEqualTo(TimeZoneSource.PHONE);

        var fromPhone = (ContactRules.Valid) normalise(null, "+49 30 901820", null, null);
        assertThat(fromPhone.contact().country()).isEqualTo("DE");
    }

    @Test
    void under_13_is_refused_and_under_16_may_not_consent_to_marketing() {
        assertThat(normalise("k@x.com", null, null, TODAY.minusYears(12)))
                .isEqualTo(new ContactRules.Invalid(List.of(new FieldProblem("birthDate", "UNDER_13"))));
        var teen = (ContactRules.Valid) normalise("t@x.com", null, null, TODAY.minusYears(15));
        assertThat(teen.contact().age().mayGiveMarketingConsent()).isFalse();
        var adult = (ContactRules.Valid) normalise("a@x.com", null, null, TODAY.minusYears(16));
        assertThat(adult.contact().age().mayGiveMarketingConsent()).isTrue();
    }

    @Test
    void spreadsheet_formulas_and_control_characters_are_refused_in_text() {
        assertThat(ContactRules.textProblem("=cmd|' /C calc'!A0")).isEqualTo("FORMULA_NOT_ALLOWED");
        assertThat(ContactRules.textProblem("@SUM(A1)")).isEqualTo("FORMULA_NOT_ALLOWED");
        assertThat(ContactRules.textProblem("+HYPERLINK(x)")).isEqualTo("FORMULA_NOT_ALLOWED");
        assertThat(ContactRules.textProblem("Ann\u0000")).isEqualTo("CONTROL_CHARACTER");
        assertThat(ContactRules.textProblem("Anne-Marie")).isNull();
        assertThat(ContactRules.textProblem("-5 % off")).isNull();
    }
}
