package clipcast.contacts;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ClipcastTest
class ContactsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> emailConsent(String purpose) {
        return json(
                "channel", "EMAIL",
                "purpose", purpose,
                "status", "GRANTED",
                "method", "WEB_FORM",
                "evidence",
                        json(
                                "text", "Yes, send me offers by email",
                                "textVersion", "v1",
                                "sourceUrl", "https://shop.example/signup",
                                "ip", "203.0.113.7",
                                "userAgent", "Mozilla/5.0",
                                "collectedAt", "2026-01-02T10:00:00Z"));
    }

    HttpApi api() {
        return new HttpApi(port, tenants.create("Contacts").apiKey());
    }

    @Test
    void a_contact_is_created_with_normalised_email_and_e164_phone_and_a_time_zone_from_the_phone() {
        var api = api();

        var created = api.post(
                "/api/v1/contacts",
                json(
                        "email", "  Anne.Martin@Exämple.FR ",
                        "phone", "06 12 34 56 78",
                        "country", "fr",
                        "firstName", "Anne",
                        "language", "fr_FR",
                        "attributes", json("loyalty", "gold", "visits", 3),
                        "lists", List.of("vip", "newsletter"),
                        "consents", List.of(emailConsent("marketing"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var body = created.json();
        assertThat(body.get("email").asString()).isEqualTo("anne.martin@xn--exmple-cua.fr");
        assertThat(body.get("phone").asString()).isEqualTo("+33612345678");
        assertThat(body.get("country").asString()).isEqualTo("FR");
        assertThat(body.get("language").asString()).isEqualTo("fr-FR");
        assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(body.get("timeZoneSource").asString()).isEqualTo("PHONE");
        assertThat(body.get("lists").toString()).contains("vip", "newsletter");
        assertThat(body.get("attributes").get("visits").asInt()).isEqualTo(3);
        assertThat(body.get("consents").get(0).get("status").asString()).isEqualTo("GRANTED");

        var id = body.get("id").asString();
        assertThat(api.get("/api/v1/contacts/" + id).json().get("email").asString())
                .isEqualTo("anne.martin@xn--exmple-cua.fr");
        var found =
                api.get("/api/v1/contacts?email=ANNE.MARTIN@exämple.fr").json().get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asString()).isEqualTo(id);
        var byPhone = api.get("/api/v1/contacts?phone=%2B33612345678").json().get("items");
        assertThat(byPhone.get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void an_explicit_time_zone_wins_over_the_phone_and_is_recorded_as_explicit() {
        var reply = api().post("/api/v1/contacts", json("phone", "+1 212 555 0123", "timeZone", "America/Chicago"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("timeZone").asString()).isEqualTo("America/Chicago");
        assertThat(reply.json().get("timeZoneSource").asString()).isEqualTo("EXPLICIT");
    }

    @Test
    void posting_the_same_email_again_merges_into_the_same_contact() {
        var api = api();
        var first = api.post("/api/v1/contacts", json("email", "merge@example.com", "firstName", "Ann"));
        var second = api.post("/api/v1/contacts", json("email", "MERGE@example.com", "lastName", "Lee"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(second.json().get("firstName").asString()).isEqualTo("Ann");
        assertThat(second.json().get("lastName").asString()).isEqualTo("Lee");
    }

    @Test
    void bad_fields_are_each_named_in_a_400_and_nothing_is_stored() {
        var api = api();
        var reply = api.post(
                "/api/v1/contacts",
                json(
                        "email", "not an email",
                        "phone", "12",
                        "country", "XX",
                        "timeZone", "Mars/Base",
                        "firstName", "=cmd|' /C calc'!A0"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body())
                .contains("\"email\"", "INVALID_EMAIL", "\"country\"", "INVALID_TIME_ZONE", "FORMULA_NOT_ALLOWED");
        assertThat(api.get("/api/v1/contacts").json().get("items")).isEmpty();
    }

    @Test
    void a_consent_without_method_or_evidence_is_refused() {
        var api = api();
        var reply = api.post(
                "/api/v1/contacts",
                json(
                        "email",
                        "noevidence@example.com",
                        "consents",
                        List.of(json("channel", "EMAIL", "purpose", "marketing", "status", "GRANTED"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("consents[0].method", "consents[0].evidence");
        assertThat(api.get("/api/v1/contacts?email=noevidence@example.com")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void a_child_under_13_is_refused_and_not_stored() {
        var api = api();
        var reply = api.post(
                "/api/v1/contacts",
                json(
                        "email",
                        "kid@example.com",
                        "birthDate",
                        LocalDate.now().minusYears(12).toString()));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("code").asString()).isEqualTo("UNDERAGE");
        assertThat(api.get("/api/v1/contacts?email=kid@example.com").json().get("items"))
                .isEmpty();
    }

    @Test
    void a_teenager_under_16_is_stored_but_gives_no_marketing_consent() {
        var api = api();
        var birth = LocalDate.now().minusYears(15).toString();
        var refused = api.post(
                "/api/v1/contacts",
                json("email", "teen@example.com", "birthDate", birth, "consents", List.of(emailConsent("marketing"))));
        var stored = api.post("/api/v1/contacts", json("email", "teen@example.com", "birthDate", birth));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("CONSENT_UNDERAGE");
        assertThat(stored.status()).isEqualTo(201);
        var id = stored.json().get("id").asString();
        var again = api.post("/api/v1/contacts/" + id + "/consents", emailConsent("marketing"));
        assertThat(again.status()).isEqualTo(422);
    }

    @Test
    void the_ledger_is_append_only_and_the_current_state_is_its_latest_entry() {
        var api = api();
        var id = api.post(
                        "/api/v1/contacts",
                        json("email", "ledger@example.com", "consents", List.of(emailConsent("marketing"))))
                .json()
                .get("id")
                .asString();

        var withdrawal = api.post(
                "/api/v1/contacts/" + id + "/consents",
                json(
                        "channel", "EMAIL",
                        "purpose", "marketing",
                        "status", "WITHDRAWN",
                        "method", "API",
                        "evidence", json("text", "Customer asked at the till")));
        var consents = api.get("/api/v1/contacts/" + id + "/consents").json();

        assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(201);
        assertThat(consents.get("items")).hasSize(2);
        assertThat(consents.get("items").get(0).get("evidence").get("ip").asString())
                .isEqualTo("203.0.113.7");
        assertThat(consents.get("current").get(0).get("status").asString()).isEqualTo("WITHDRAWN");
        var tenant = jdbc.sql("SELECT tenant_id FROM contact WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .optional();
        assertThat(tenant).as("row level security hides it without a scope").isEmpty();
    }

    @Test
    void a_consent_for_a_suppressed_address_is_refused_and_suppression_is_reported_in_the_export() {
        var api = api();
        var suppressed = api.post("/api/v1/suppressions", json("email", "Gone@Example.com", "reason", "UNSUBSCRIBE"));
        var refused = api.post(
                "/api/v1/contacts", json("email", "gone@example.com", "consents", List.of(emailConsent("marketing"))));
        var plain = api.post("/api/v1/contacts", json("email", "gone@example.com"));
        var export = api.get("/api/v1/contacts/" + plain.json().get("id").asString() + "/export");

        assertThat(suppressed.status()).isEqualTo(201);
        assertThat(suppressed.json().get("scope").asString()).isEqualTo("TENANT");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("ADDRESS_SUPPRESSED");
        assertThat(export.json().get("suppression").get("email").toString()).contains("UNSUBSCRIBE");
    }

    @Test
    void a_complaint_suppresses_the_address_for_every_tenant() {
        var first = api();
        var second = api();
        first.post("/api/v1/suppressions", json("email", "complainer@example.com", "reason", "COMPLAINT"));

        var refused = second.post(
                "/api/v1/contacts",
                json("email", "complainer@example.com", "consents", List.of(emailConsent("marketing"))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("ADDRESS_SUPPRESSED");
    }

    @Test
    void suppressions_are_stored_as_hashes_not_addresses() {
        var api = api();
        var reply = api.post(
                "/api/v1/suppressions", json("phone", "+44 7911 123456", "reason", "DNC_REGISTRY", "country", "GB"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        var stored = clipcast.tenancy.TenantScope.callAsPlatform(
                () -> jdbc.sql("SELECT encode(address_hash, 'hex') FROM suppression WHERE country = 'GB'")
                        .query(String.class)
                        .list());

        assertThat(stored).isNotEmpty().noneMatch(hash -> hash.contains("7911123456"));
    }

    @Test
    void an_erased_contact_is_gone_and_can_never_be_given_consent_again_on_the_platform() {
        var api = api();
        var id = api.post(
                        "/api/v1/contacts",
                        json(
                                "email", "erase.me@example.com",
                                "phone", "+33698765432",
                                "consents", List.of(emailConsent("marketing"))))
                .json()
                .get("id")
                .asString();

        var erased = api.post("/api/v1/contacts/" + id + "/erasure", json());
        var other = api();
        var again = other.post(
                "/api/v1/contacts",
                json("email", "erase.me@example.com", "consents", List.of(emailConsent("marketing"))));

        assertThat(erased.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts?email=erase.me@example.com").json().get("items"))
                .isEmpty();
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asString()).isEqualTo("ADDRESS_SUPPRESSED");
    }

    @Test
    void another_tenant_cannot_read_a_contact() {
        var api = api();
        var id = api.post("/api/v1/contacts", json("email", "private@example.com"))
                .json()
                .get("id")
                .asString();

        var other = api();
        assertThat(other.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/contacts/" + id + "/export").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/contacts/" + id + "/erasure", json()).status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/contacts?email=private@example.com")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void an_unknown_enum_value_or_field_is_a_400_naming_it() {
        var api = api();
        var badChannel = api.post(
                "/api/v1/contacts", json("email", "x@example.com", "consents", List.of(json("channel", "FAX"))));
        var unknown = api.post("/api/v1/contacts", json("email", "x@example.com", "colour", "red"));

        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.body()).contains("consents[0].channel");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void a_do_not_call_registry_of_a_country_is_imported_and_its_numbers_can_no_longer_be_given_consent() {
        var api = api();
        var registry = "0612345678\n06 98 76 54 32\nnot a number\n+33612345678\n";
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("country", "FR");

        var reply = api.postMultipart(
                "/api/v1/suppressions/imports",
                fields,
                "file",
                "bloctel.txt",
                registry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var refused = api.post(
                "/api/v1/contacts",
                json(
                        "phone",
                        "+33698765432",
                        "consents",
                        List.of(json(
                                "channel", "SMS",
                                "purpose", "marketing",
                                "status", "GRANTED",
                                "method", "API",
                                "evidence", json("text", "Texts please")))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("rowsTotal").asLong()).isEqualTo(4);
        assertThat(reply.json().get("suppressed").asLong()).isEqualTo(2);
        assertThat(reply.json().get("rejected").asLong()).isEqualTo(1);
        assertThat(reply.json().get("errors").get(0).get("row").asLong()).isEqualTo(3);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("ADDRESS_SUPPRESSED");
    }
}
