package clipcast.delivery.push.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc_5869_test_case_1_gives_the_published_pseudorandom_key_and_output() {
        var ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        var salt = HEX.parseHex("000102030405060708090a0b0c");
        var info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        var prk = Hkdf.extract(salt, ikm);
        var okm = Hkdf.expand(prk, info, 42);

        assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(okm))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
}
