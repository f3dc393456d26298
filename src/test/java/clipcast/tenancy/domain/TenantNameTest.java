package clipcast.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TenantNameTest {

    @Test
    void the_slug_is_lowercase_ascii_with_dashes() {
        assertThat(new TenantName("  Café Müller & Söhne ").slug()).isEqualTo("cafe-muller-sohne");
    }

    @Test
    void a_name_without_letters_still_gets_a_slug() {
        assertThat(new TenantName("☕☕").slug()).isEqualTo("tenant");
    }

    @Test
    void blank_overlong_or_control_character_names_are_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TenantName(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> new TenantName("x".repeat(121)));
        assertThatIllegalArgumentException().isThrownBy(() -> new TenantName("evil\u0000name"));
    }
}
