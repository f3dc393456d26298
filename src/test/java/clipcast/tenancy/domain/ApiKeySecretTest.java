package clipcast.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.tenancy.TenantId;
import java.util.HashSet;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    final TenantId tenant = new TenantId(UUID.fromString("0199a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b"));

    @Test
    void a_generated_key_names_its_tenant_and_parses_back() {
        var secret = ApiKeySecret.generate(tenant);

        var parsed = ApiKeySecret.parse(secret.value()).orElseThrow();

        assertThat(parsed.tenantId()).isEqualTo(tenant);
        assertThat(parsed.hashHex()).isEqualTo(secret.hashHex());
    }

    @Test
    void generated_keys_are_all_different() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ApiKeySecret.generate(tenant).value());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void neither_the_prefix_nor_the_text_form_reveals_the_secret() {
        var secret = ApiKeySecret.generate(tenant);
        var randomPart = secret.value().substring(36);

        assertThat(secret.toString()).doesNotContain(randomPart);
        assertThat(secret.visiblePrefix()).hasSize(9).doesNotContain(randomPart.substring(0, 8));
    }

    @Property
    void anything_that_is_not_a_key_parses_to_nothing_and_never_throws(@ForAll String presented) {
        assertThat(ApiKeySecret.parse(presented)).isEmpty();
    }
}
