package clipcast.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderRulesTest {

    static final Set<String> BRANDS = Set.of("PayPal", "Amazon", "La Poste", "DHL");

    @Test
    void sms_sender_ids_are_short_alphanumerics_with_a_letter_or_e164_numbers() {
        assertThat(SenderRules.validSmsSender("BAKERY")).isTrue();
        assertThat(SenderRules.validSmsSender("Cafe 21")).isTrue();
        assertThat(SenderRules.validSmsSender("+33612345678")).isTrue();
        assertThat(SenderRules.validSmsSender("TWELVECHARSX")).isFalse();
        assertThat(SenderRules.validSmsSender("123456")).isFalse();
        assertThat(SenderRules.validSmsSender("BAKE\nRY")).isFalse();
        assertThat(SenderRules.validSmsSender("")).isFalse();
    }

    @Test
    void imitations_of_protected_brands_are_caught_through_case_spaces_accents_and_leetspeak() {
        assertThat(SenderRules.imitatedBrand("PAYPAL", BRANDS, Set.of())).isEqualTo("PayPal");
        assertThat(SenderRules.imitatedBrand("P4yP4l-Info", BRANDS, Set.of())).isEqualTo("PayPal");
        assertThat(SenderRules.imitatedBrand("Am@zon", BRANDS, Set.of())).isEqualTo("Amazon");
        assertThat(SenderRules.imitatedBrand("LaPøste", BRANDS, Set.of())).isEqualTo("La Poste");
        assertThat(SenderRules.imitatedBrand("La Pôste", BRANDS, Set.of())).isEqualTo("La Poste");
        assertThat(SenderRules.imitatedBrand("DHLexpress", BRANDS, Set.of())).isEqualTo("DHL");
        assertThat(SenderRules.imitatedBrand("BAKERY", BRANDS, Set.of())).isNull();
    }

    @Test
    void a_brand_may_send_under_its_own_name() {
        assertThat(SenderRules.imitatedBrand("DHL", BRANDS, Set.of("DHL"))).isNull();
    }

    @Test
    void email_senders_need_a_domain_with_a_dot() {
        assertThat(SenderRules.validEmail("offers@bakery.example")).isTrue();
        assertThat(SenderRules.validEmail("offers@localhost")).isFalse();
        assertThat(SenderRules.validEmail("no at sign")).isFalse();
    }
}
