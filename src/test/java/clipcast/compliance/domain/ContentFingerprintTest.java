package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

    @Test
    void names_codes_and_links_do_not_make_a_message_different() {
        var toAna =
                ContentFingerprint.of("Hi Ana, 20% off with SPRING-4821 at https://x.example/c/abc", List.of("Ana"));
        var toBen =
                ContentFingerprint.of("Hi Ben, 20% off with SPRING-9911 at https://x.example/c/xyz", List.of("Ben"));

        assertThat(toAna.exact()).isEqualTo(toBen.exact());
        assertThat(toAna.sameOrSimilar(toBen)).isTrue();
    }

    @Test
    void a_small_rewording_is_a_near_duplicate() {
        var first = ContentFingerprint.of(
                "This weekend only: free coffee with any pastry at Corner Bakery, show this message at the till",
                List.of());
        var reworded = ContentFingerprint.of(
                "This weekend only: free coffee with any pastry at Corner Bakery! Show this message at the till now",
                List.of());

        assertThat(first.exact()).isNotEqualTo(reworded.exact());
        assertThat(first.sameOrSimilar(reworded)).isTrue();
    }

    @Test
    void a_different_offer_is_not_a_duplicate() {
        var coffee =
                ContentFingerprint.of("This weekend only: free coffee with any pastry at Corner Bakery", List.of());
        var pizza =
                ContentFingerprint.of("Tuesday nights: second pizza half price at Pizza Roma, dine in only", List.of());

        assertThat(coffee.sameOrSimilar(pizza)).isFalse();
    }
}
