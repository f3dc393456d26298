package clipcast.contacts;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class ProofBundleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Test
    void a_contacts_proof_shows_who_consented_to_what_when_how_and_with_which_text_as_json_and_as_a_page() {
        var api = new HttpApi(port, tenants.create("Proof").apiKey());
        var id = api.post(
                        "/api/v1/contacts",
                        json(
                                "email", "proof@example.com",
                                "lists", List.of("vip"),
                                "consents", List.of(ContactsApiTest.emailConsent("marketing"))))
                .json()
                .get("id")
                .asString();

        var proof = api.get("/api/v1/contacts/" + id + "/proof");
        var page = api.send(api.request("/api/v1/contacts/" + id + "/proof")
                .header("Accept", "text/html")
                .GET());
        var audience = api.post("/api/v1/proofs", json("list", "vip"));

        assertThat(proof.status()).isEqualTo(200);
        var entry = proof.json().get("contacts").get(0).get("ledger").get(0);
        assertThat(entry.get("method").asString()).isEqualTo("WEB_FORM");
        assertThat(entry.get("evidence").get("text").asString()).isEqualTo("Yes, send me offers by email");
        assertThat(entry.get("evidence").get("sourceUrl").asString()).isEqualTo("https://shop.example/signup");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("Consent proof", "proof@example.com", "Yes, send me offers by email", "203.0.113.7");
        assertThat(audience.json().get("contacts")).hasSize(1);
        assertThat(new HttpApi(port, tenants.create("Other").apiKey())
                        .get("/api/v1/contacts/" + id + "/proof")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void an_imports_proof_carries_the_attestation_the_file_hash_and_each_rows_entry() {
        var api = new HttpApi(port, tenants.create("Proof import").apiKey());
        var started = ImportApiTest.upload(
                api,
                ImportApiTest.attestation("EMAIL"),
                "proof.csv",
                "email\nrow1@example.com\nrow2@example.com\n".getBytes(StandardCharsets.UTF_8));
        var job = ImportApiTest.finished(api, started);

        var proof = api.get("/api/v1/imports/" + job.get("id").asString() + "/proof")
                .json();
        var page = api.send(api.request("/api/v1/imports/" + job.get("id").asString() + "/proof")
                .header("Accept", "text/html")
                .GET());

        assertThat(proof.get("importJob").get("fileSha256").asString()).hasSize(64);
        assertThat(proof.get("importJob").get("attestation").get("notPurchased").asBoolean())
                .isTrue();
        assertThat(proof.get("contacts")).hasSize(2);
        assertThat(proof.get("contacts")
                        .get(0)
                        .get("ledger")
                        .get(0)
                        .get("importRow")
                        .asLong())
                .isEqualTo(2);
        assertThat(page.body()).contains("Paper sign-up sheets at the Lyon shop", "row1@example.com");
        // Each entry shows the whole evidence, although the ledger keeps what an import's entries share only once.
        for (var contact : proof.get("contacts")) {
            var entry = contact.get("ledger").get(0);
            assertThat(entry.get("evidence").get("text").asString())
                    .isEqualTo("Yes, I want the weekly coupons by email.");
            assertThat(entry.get("evidence").get("sourceUrl").asString())
                    .startsWith("Paper sign-up sheets at the Lyon shop, typed in by staff");
            assertThat(entry.get("importFileSha256").asString())
                    .isEqualTo(job.get("fileSha256").asString());
        }
        assertThat(page.body())
                .contains("Yes, I want the weekly coupons by email. · Paper sign-up sheets at the Lyon shop")
                .doesNotContain("null ·");
    }
}
