package clipcast.contacts;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ClipcastTest
class ImportApiTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    TestTenants tenants;

    HttpApi api() {
        return new HttpApi(port, tenants.create("Importer").apiKey());
    }

    static Map<String, String> attestation(String channel) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("channel", channel);
        fields.put("purpose", "marketing");
        fields.put("consentMethod", "POINT_OF_SALE");
        fields.put("consentText", "Yes, I want the weekly coupons by email.");
        fields.put("sourceDescription", "Paper sign-up sheets at the Lyon shop, typed in by staff");
        fields.put("collectedAt", "2026-03-01T09:00:00Z");
        fields.put("notPurchased", "true");
        return fields;
    }

    static JsonNode finished(HttpApi api, HttpApi.Reply started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        var id = started.json().get("id").asString();
        for (int i = 0; i < 300; i++) {
            var job = api.get("/api/v1/imports/" + id).json();
            if (!job.get("status").asString().equals("RUNNING")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    static HttpApi.Reply upload(HttpApi api, Map<String, String> fields, String name, byte[] content) {
        return api.postMultipart("/api/v1/imports", fields, "file", name, content);
    }

    @Test
    void every_field_of_a_row_reaches_the_contact_as_it_was_read() {
        var api = api();
        var csv = "email,first name,last name,phone,country,language,timezone,birthdate,lists,Loyalty\n"
                + "zoe@example.com,\"Zoé \"\"Z\"\"\",O'Brien,+33612345670,FR,fr,Europe/Paris,1990-02-28,\"vip;news\",gold\n"
                + "old@example.com,Olga,,,DE,,,1950-12-31,,\n";

        var job = finished(api, upload(api, attestation("EMAIL"), "fields.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("rowsImported").asLong()).as(job.toString()).isEqualTo(2);
        var zoe = api.get("/api/v1/contacts?email=zoe@example.com").json().get("items");
        assertThat(zoe).as(zoe.toString()).hasSize(1);
        var contact = zoe.get(0);
        assertThat(contact.get("firstName").asString()).isEqualTo("Zoé \"Z\"");
        assertThat(contact.get("lastName").asString()).isEqualTo("O'Brien");
        assertThat(contact.get("phone").asString()).isEqualTo("+33612345670");
        assertThat(contact.get("country").asString()).isEqualTo("FR");
        assertThat(contact.get("language").asString()).isEqualTo("fr");
        assertThat(contact.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(contact.get("timeZoneSource").asString()).isEqualTo("EXPLICIT");
        assertThat(contact.get("birthDate").asString()).isEqualTo("1990-02-28");
        assertThat(contact.get("attributes").get("Loyalty").asString()).isEqualTo("gold");
        var old = api.get("/api/v1/contacts?email=old@example.com").json().get("items");
        assertThat(old.get(0).get("birthDate").asString()).isEqualTo("1950-12-31");
        assertThat(old.get(0).get("attributes").size()).isZero();
        assertThat(contact.get("lists").toString()).contains("vip", "news");
    }

    @Test
    void a_semicolon_csv_with_bom_quotes_duplicates_and_bad_rows_imports_the_good_rows_and_reports_the_rest() {
        var api = api();
        var csv = "\uFEFFE-mail;First name;Phone;Loyalty\r\n"
                + "ann@example.com;\"Ann; the first\";+33612345678;gold\r\n"
                + "bob@example;Bob;;silver\r\n"
                + "ANN@example.com;Annie;;\r\n"
                + "carl@example.com;=cmd|' /C calc'!A0;;\r\n"
                + "dora@example.com;Dora;0612;bronze\r\n"
                + "eve@example.com;Eve;;\r\n";

        var job = finished(api, upload(api, attestation("EMAIL"), "list.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(6);
        assertThat(job.get("rowsImported").asLong()).isEqualTo(3);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(3);
        assertThat(job.get("errors").toString())
                .contains(
                        "\"row\":3", "INVALID_EMAIL", "\"row\":5", "FORMULA_NOT_ALLOWED", "\"row\":6", "INVALID_PHONE");
        var ann = api.get("/api/v1/contacts?email=ann@example.com").json().get("items");
        assertThat(ann).hasSize(1);
        assertThat(ann.get(0).get("firstName").asString()).isEqualTo("Annie");
        assertThat(ann.get(0).get("phone").asString()).isEqualTo("+33612345678");
        assertThat(ann.get(0).get("attributes").get("Loyalty").asString()).isEqualTo("gold");
        var consents = api.get("/api/v1/contacts/" + ann.get(0).get("id").asString() + "/consents")
                .json()
                .get("items");
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0).get("method").asString()).isEqualTo("IMPORT");
        assertThat(consents.get(0).get("importId").asString())
                .isEqualTo(job.get("id").asString());
        assertThat(consents.get(0).get("importRow").asLong()).isEqualTo(2);
        assertThat(consents.get(0).get("importFileSha256").asString()).hasSize(64);
        assertThat(consents.get(0).get("evidence").get("text").asString()).contains("weekly coupons");
    }

    @Test
    void a_windows_1252_csv_is_read_with_its_accents() {
        var api = api();
        var csv = "email,firstname\nzoe@example.com,Zoé Ça\n";

        var job = finished(
                api, upload(api, attestation("EMAIL"), "accents.csv", csv.getBytes(Charset.forName("windows-1252"))));

        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        var zoe = api.get("/api/v1/contacts?email=zoe@example.com")
                .json()
                .get("items")
                .get(0);
        assertThat(zoe.get("firstName").asString()).isEqualTo("Zoé Ça");
    }

    @Test
    void a_txt_file_has_one_address_per_line() {
        var api = api();
        var txt = "one@example.com\n\n  two@example.com  \nnot-an-address\n";

        var job = finished(api, upload(api, attestation("EMAIL"), "list.txt", txt.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("row").asLong()).isEqualTo(4);
    }

    @Test
    void an_sms_import_from_xlsx_reads_numbers_in_the_default_country_and_refuses_formula_cells() {
        var api = api();
        var fields = attestation("SMS");
        fields.put("defaultCountry", "FR");
        var xlsx = Workbooks.xlsx(List.of(
                List.of("Mobile", "First name"),
                List.of("0612345678", "Ann"),
                List.of("33698765432", "Bob"),
                List.of("0611111111", "=HYPERLINK(\"http://evil\")")));

        var job = finished(api, upload(api, fields, "list.xlsx", xlsx));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("code").asString()).isEqualTo("FORMULA_NOT_ALLOWED");
        assertThat(api.get("/api/v1/contacts?phone=%2B33612345678").json().get("items"))
                .hasSize(1);
        assertThat(api.get("/api/v1/contacts?phone=%2B33698765432").json().get("items"))
                .hasSize(1);
    }

    @Test
    void an_xls_workbook_is_imported() {
        var api = api();
        var xls = Workbooks.xls(
                List.of(List.of("email", "phone", "country"), List.of("xls@example.com", "447911123456", "GB")));

        var job = finished(api, upload(api, attestation("EMAIL"), "old.xls", xls));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        var contact = api.get("/api/v1/contacts?email=xls@example.com")
                .json()
                .get("items")
                .get(0);
        assertThat(contact.get("phone").asString()).isEqualTo("+447911123456");
    }

    @Test
    void suppressed_addresses_in_a_file_are_rejected_not_resurrected() {
        var api = api();
        api.post("/api/v1/suppressions", json("email", "left@example.com", "reason", "UNSUBSCRIBE"));
        var csv = "email\nleft@example.com\nstays@example.com\n";

        var job = finished(api, upload(api, attestation("EMAIL"), "list.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("code").asString()).isEqualTo("SUPPRESSED");
        assertThat(api.get("/api/v1/contacts?email=left@example.com").json().get("items"))
                .isEmpty();
    }

    @Test
    void an_import_without_attestation_or_with_a_bought_list_is_refused_naming_each_field() {
        var api = api();
        var fields = new LinkedHashMap<String, String>();
        fields.put("channel", "EMAIL");
        fields.put("notPurchased", "false");

        var reply = upload(api, fields, "list.csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("ATTESTATION_REQUIRED");
        assertThat(reply.body())
                .contains(
                        "purpose", "consentMethod", "consentText", "sourceDescription", "collectedAt", "notPurchased");
    }

    @Test
    void an_unreadable_collection_time_is_quoted_in_its_field_error() {
        var api = api();
        var fields = attestation("EMAIL");
        fields.put("collectedAt", "last spring");

        var reply = upload(api, fields, "list.csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body())
                .contains("collectedAt", "INVALID_FORMAT", "last spring")
                .doesNotContain("{0}");
    }

    @Test
    void a_file_that_breaks_half_way_leaves_nothing_behind() {
        var api = api();
        var csv = "email\nfirst@example.com\nsecond@example.com\n\"third@example.com\n";

        var job = finished(api, upload(api, attestation("EMAIL"), "broken.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("rowsImported").asLong()).isZero();
        assertThat(job.get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(api.get("/api/v1/contacts?email=first@example.com").json().get("items"))
                .isEmpty();
    }

    @Test
    void hostile_files_fail_cleanly() {
        var api = api();

        var bomb = finished(api, upload(api, attestation("EMAIL"), "bomb.xlsx", Workbooks.zipBomb()));
        var garbage = finished(api, upload(api, attestation("EMAIL"), "garbage.xlsx", "not a zip".getBytes()));
        var noHeader = finished(
                api, upload(api, attestation("EMAIL"), "nohead.csv", "name\nAnn\n".getBytes(StandardCharsets.UTF_8)));
        var hugeField = finished(
                api,
                upload(
                        api,
                        attestation("EMAIL"),
                        "huge.csv",
                        ("email,name\nok@example.com,\"" + "x".repeat(2_000_000) + "\"\n").getBytes()));
        var empty = upload(api, attestation("EMAIL"), "empty.xlsx", new byte[0]);
        var exe = upload(api, attestation("EMAIL"), "virus.exe", new byte[] {1, 2, 3});

        assertThat(bomb.get("status").asString()).isEqualTo("FAILED");
        assertThat(bomb.get("errors").get(0).get("code").asString()).isEqualTo("ZIP_BOMB");
        assertThat(garbage.get("errors").get(0).get("code").asString()).isEqualTo("UNREADABLE_FILE");
        assertThat(noHeader.get("errors").get(0).get("code").asString()).isEqualTo("NO_ADDRESS_COLUMN");
        assertThat(hugeField.get("status").asString()).isEqualTo("FAILED");
        assertThat(api.get("/api/v1/contacts?email=ok@example.com").json().get("items"))
                .isEmpty();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("EMPTY_FILE");
        assertThat(exe.status()).isEqualTo(415);
    }

    @Test
    void another_tenant_cannot_see_an_import() {
        var api = api();
        var started = upload(api, attestation("EMAIL"), "list.csv", "email\na@example.com\n".getBytes());
        finished(api, started);

        assertThat(api().get("/api/v1/imports/" + started.json().get("id").asString())
                        .status())
                .isEqualTo(404);
    }
}
