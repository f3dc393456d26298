package clipcast.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signer against RFC 6376's own canonicalisation example, and against Apache jDKIM on awkward messages. */
class DkimSignatureTest {

    static DkimKey key;
    static String record;

    @BeforeAll
    static void makeKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        key = new DkimKey("shop.example", "sel1", (RSAPrivateKey) pair.getPrivate());
        record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /**
     * Wherever Conscrypt's native library loads (Linux, macOS, Windows on the usual processors, unless the temporary
     * directory forbids running code), signatures go through BoringSSL (the throughput bench/delivery reports depends
     * on it), with the tenant's key unchanged; elsewhere through the JDK, and they verify either way.
     */
    @Test
    void signs_through_boringssl_where_conscrypt_has_a_native_library() throws Exception {
        if (org.conscrypt.Conscrypt.isAvailable()) {
            assertThat(RsaSigning.providerName()).startsWith("Conscrypt");
            assertThat(key.privateKey().getClass().getName()).startsWith("org.conscrypt.");
        }
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var held = new DkimKey("shop.example", "sel1", (RSAPrivateKey) pair.getPrivate());
        assertThat(held.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        var signature = RsaSigning.newSignature();
        signature.initSign(held.privateKey());
        signature.update("a header block".getBytes(StandardCharsets.US_ASCII));
        var verifier = java.security.Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(pair.getPublic());
        verifier.update("a header block".getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature.sign())).isTrue();
    }

    @Test
    void canonicalises_as_the_example_in_rfc_6376_section_3_4_5() {
        assertThat(DkimSignature.relaxedHeader("A: X")).isEqualTo("a:X");
        assertThat(DkimSignature.relaxedHeader("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
        var body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DkimSignature.relaxedBody(body, 0), StandardCharsets.US_ASCII))
                .isEqualTo(" C\r\nD E\r\n");
    }

    /** RFC 6376 makes an empty body the null input under relaxed (jDKIM follows RFC 4871 there, so not below). */
    @Test
    void an_empty_body_and_a_body_without_a_final_line_end() {
        assertThat(DkimSignature.relaxedBody(new byte[0], 0)).isEmpty();
        assertThat(DkimSignature.relaxedBody("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0))
                .isEmpty();
        assertThat(new String(
                        DkimSignature.relaxedBody("last line  ".getBytes(StandardCharsets.US_ASCII), 0),
                        StandardCharsets.US_ASCII))
                .isEqualTo("last line\r\n");
    }

    @Test
    void line_ends_become_crlf() {
        assertThat(new String(
                        DkimSignature.crlf("a\nb\rc\r\nd".getBytes(StandardCharsets.US_ASCII), 8),
                        StandardCharsets.US_ASCII))
                .isEqualTo("a\r\nb\r\nc\r\nd");
    }

    @Test
    void line_ends_become_crlf_within_the_written_length_only() {
        var written = "x\r\r\ny\r".getBytes(StandardCharsets.US_ASCII);
        var buffer = java.util.Arrays.copyOf(written, written.length + 5);
        buffer[written.length] = '\n';
        assertThat(new String(DkimSignature.crlf(buffer, written.length), StandardCharsets.US_ASCII))
                .isEqualTo("x\r\n\r\ny\r\n");
        var clean = "a\r\nb".getBytes(StandardCharsets.US_ASCII);
        assertThat(DkimSignature.crlf(clean, clean.length)).isEqualTo(clean).isNotSameAs(clean);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hello\r\n",
                "  indented\t\twith  tabs   \r\ntrailing   \r\n\r\n\r\n",
                "no final line end",
                "=C3=A9t=C3=A9 quoted-printable=\r\nsoft break\r\n.\r\n..leading dots\r\n"
            })
    void jdkim_verifies_what_it_signs(String body) throws Exception {
        var message = ("From: Shop <offers@shop.example>\r\n"
                        + "To: ana@example.org\r\n"
                        + "Subject: =?UTF-8?Q?Caf=C3=A9?=  offers,\r\n\tfolded   over lines\r\n"
                        + "Message-ID: <1@shop.example>\r\n"
                        + "List-Unsubscribe: <https://clipcast.example/u/x>\r\n"
                        + "\r\n"
                        + body)
                .getBytes(StandardCharsets.ISO_8859_1);
        var header = DkimSignature.header(message, key, EmailComposer.SIGNED_HEADERS, 1_700_000_000L);
        var signed = concat(header, message);

        var verified = verifier().verify(new ByteArrayInputStream(signed));

        assertThat(verified).hasSize(1);
        var text = new String(header, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("h=from:to:subject:message-id:list-unsubscribe;", "t=1700000000;");
        assertThat(text.lines()).allMatch(line -> line.length() <= 998);
    }

    @Test
    void a_changed_body_or_signed_header_fails() {
        var message = "From: offers@shop.example\r\nSubject: Free coffee\r\n\r\nFree coffee today.\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        var header = DkimSignature.header(message, key, EmailComposer.SIGNED_HEADERS, 1_700_000_000L);
        var changedBody = new String(concat(header, message), StandardCharsets.ISO_8859_1)
                .replace("Free coffee today", "Free beer today");
        var changedSubject = new String(concat(header, message), StandardCharsets.ISO_8859_1)
                .replace("Subject: Free coffee", "Subject: Free beer");

        for (var tampered : List.of(changedBody, changedSubject)) {
            assertThatThrownBy(() ->
                            verifier().verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.ISO_8859_1))))
                    .isInstanceOf(FailException.class);
        }
    }

    private static DKIMVerifier verifier() {
        return new DKIMVerifier((method, selector, domain) -> List.of(record));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
