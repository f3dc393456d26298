package clipcast.contacts;

import static clipcast.contacts.ImportApiTest.attestation;
import static clipcast.contacts.ImportApiTest.finished;
import static clipcast.contacts.ImportApiTest.upload;
import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Imports insert new addresses directly and merge the others (repeated in the file, or known to the tenant):
 * both paths must give what one merge of the whole file gave.
 */
@ClipcastTest
class ImportMergingTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    HttpApi api() {
        return new HttpApi(port, tenants.create("Merging").apiKey());
    }

    static JsonNode importCsv(HttpApi api, String csv) {
        return finished(api, upload(api, attestation("EMAIL"), "list.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode contact(HttpApi api, String email) {
        var items = api.get("/api/v1/contacts?email=" + email).json().get("items");
        assertThat(items).as(email).hasSize(1);
        return items.get(0);
    }

    static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    @Test
    void importing_known_addresses_again_updates_their_contacts_adds_their_lists_and_records_the_new_consent() {
        var api = api();
        var first = importCsv(api, "email,first name,lists\nann@example.com,Ann,gold\nbob@example.com,Bob,\n");
        var annBefore = contact(api, "ann@example.com");

        var second = importCsv(api, "email,last name,lists\nann@example.com,Smith,silver\ncid@example.com,,vip\n");

        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("DONE");
        assertThat(second.get("rowsImported").asLong()).isEqualTo(2);
        var ann = contact(api, "ann@example.com");
        assertThat(ann.get("id").asString()).isEqualTo(annBefore.get("id").asString());
        assertThat(ann.get("firstName").asString()).isEqualTo("Ann");
        assertThat(ann.get("lastName").asString()).isEqualTo("Smith");
        assertThat(texts(ann.get("lists"))).containsExactlyInAnyOrder("gold", "silver");
        assertThat(texts(contact(api, "cid@example.com").get("lists"))).containsExactly("vip");
        var consents = api.get("/api/v1/contacts/" + ann.get("id").asString() + "/consents")
                .json()
                .get("items");
        assertThat(consents).hasSize(2);
        assertThat(consents.get(0).get("importId").asString())
                .isEqualTo(first.get("id").asString());
        assertThat(consents.get(1).get("importId").asString())
                .isEqualTo(second.get("id").asString());
    }

    @Test
    void the_same_file_imported_again_rewrites_no_contact_but_records_every_consent_against_the_same_contacts() {
        var api = api();
        var csv = "email,first name,phone,timezone,lists,Tier\n"
                + "ann@example.com,Ann,+33612345678,America/Cayenne,gold,a\n"
                + "bob@example.com,Bob,,,gold;vip,\n";
        importCsv(api, csv);
        var annBefore = contact(api, "ann@example.com");
        var bobBefore = contact(api, "bob@example.com");

        var again = importCsv(api, csv);
        var changed = importCsv(api, "email,last name\nbob@example.com,Brown\nBOB@example.com,Black\n");

        assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("DONE");
        assertThat(changed.get("status").asString()).as(changed.toString()).isEqualTo("DONE");
        var ann = contact(api, "ann@example.com");
        for (var field : List.of("id", "phone", "firstName", "timeZone", "attributes", "lists", "updatedAt")) {
            assertThat(ann.get(field)).as("unchanged, not rewritten: " + field).isEqualTo(annBefore.get(field));
        }
        var bob = contact(api, "bob@example.com");
        assertThat(bob.get("id")).isEqualTo(bobBefore.get("id"));
        assertThat(bob.get("lastName").asString())
                .as("a known address twice: the last row wins")
                .isEqualTo("Black");
        assertThat(bob.get("firstName").asString()).isEqualTo("Bob");
        assertThat(texts(bob.get("lists"))).containsExactlyInAnyOrder("gold", "vip");
        assertThat(bob.get("updatedAt").asString())
                .isNotEqualTo(bobBefore.get("updatedAt").asString());
        var consents = api.get("/api/v1/contacts/" + ann.get("id").asString() + "/consents")
                .json()
                .get("items");
        assertThat(consents).hasSize(2);
        assertThat(consents.get(1).get("importId").asString())
                .isEqualTo(again.get("id").asString());
        assertThat(api.get("/api/v1/contacts/" + bob.get("id").asString() + "/consents")
                        .json()
                        .get("items"))
                .hasSize(3);
    }

    @Test
    void rows_of_one_address_anywhere_in_the_file_become_one_contact_with_the_last_values_and_every_list() {
        var api = api();

        var job = importCsv(api, """
                email,first name,last name,lists
                dora@example.com,Dora,,a
                xavier@example.com,Xavier,,
                DORA@example.com,,Doe,b
                yann@example.com,,,
                dora@example.com,Dorothy,,a
                """);

        assertThat(job.get("rowsImported").asLong()).isEqualTo(5);
        var dora = contact(api, "dora@example.com");
        assertThat(dora.get("firstName").asString()).isEqualTo("Dorothy");
        assertThat(dora.get("lastName").asString()).isEqualTo("Doe");
        assertThat(texts(dora.get("lists"))).containsExactlyInAnyOrder("a", "b");
        var consents = api.get("/api/v1/contacts/" + dora.get("id").asString() + "/consents")
                .json()
                .get("items");
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0).get("importRow").asLong()).isEqualTo(2);
        assertThat(contact(api, "xavier@example.com").get("firstName").asString())
                .isEqualTo("Xavier");
    }

    @Test
    void an_address_repeated_chunks_apart_is_still_one_contact_with_one_consent() {
        var tenant = tenants.create("Chunks");
        var api = new HttpApi(port, tenant.apiKey());
        int rows = 2 * ImportStage.CHUNK + 5_000;
        int distinct = ImportStage.CHUNK + 10_000;
        var csv = new StringBuilder("email,first name,last name,lists\n");
        for (int i = 0; i < rows; i++) {
            int address = i % distinct;
            csv.append("a").append(address).append("@example.com,");
            csv.append(i < distinct ? "F" + i + ",," : ",L" + i + ",");
            csv.append(i < distinct ? "one" : "two").append('\n');
        }

        var job = importCsv(api, csv.toString());

        assertThat(job.get("rowsImported").asLong()).as(job.toString()).isEqualTo(rows);
        var twice = contact(api, "a7@example.com");
        assertThat(twice.get("firstName").asString()).isEqualTo("F7");
        assertThat(twice.get("lastName").asString()).isEqualTo("L" + (distinct + 7));
        assertThat(texts(twice.get("lists"))).containsExactlyInAnyOrder("one", "two");
        var once = contact(api, "a" + (distinct - 1) + "@example.com");
        assertThat(once.get("lastName") == null || once.get("lastName").isNull())
                .as(once.toString())
                .isTrue();
        var counts = TenantScope.call(
                tenant.tenant().id(),
                () -> jdbc.sql("""
                        SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM contact_list),
                               (SELECT count(*) FROM consent_record WHERE import_id = ?::uuid)""")
                        .param(job.get("id").asString())
                        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        .single());
        assertThat(counts).containsExactly((long) distinct, (long) rows, (long) distinct);
    }

    @Test
    void a_file_that_breaks_after_whole_chunks_were_written_leaves_no_contact_list_entry_consent_or_evidence_behind() {
        var tenant = tenants.create("Broken late");
        var api = new HttpApi(port, tenant.apiKey());
        var csv = new StringBuilder("email,lists\n");
        for (int i = 0; i < 2 * ImportStage.CHUNK + 100; i++) {
            csv.append("late").append(i).append("@example.com,vip\n");
        }
        csv.append("\"unterminated@example.com,vip\n");

        var job = importCsv(api, csv.toString());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        var counts = TenantScope.call(
                tenant.tenant().id(),
                () -> jdbc.sql("""
                        SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM contact_list),
                               (SELECT count(*) FROM consent_record), (SELECT count(*) FROM consent_import_evidence)""")
                        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                        .single());
        assertThat(counts).containsExactly(0L, 0L, 0L, 0L);
    }

    @Test
    void a_phone_number_stays_with_the_contact_that_holds_it_or_the_first_row_that_gives_it() {
        var api = api();
        api.post("/api/v1/contacts", json("email", "holder@example.com", "phone", "+33611111111"));

        var job = importCsv(api, """
                email,phone
                new@example.com,+33611111111
                first@example.com,+33622222222
                second@example.com,+33622222222
                first@example.com,+33622222222
                """);

        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(job.get("rowsRejected").asLong()).isEqualTo(3);
        assertThat(job.get("errors").toString()).contains("\"row\":2", "\"row\":4", "\"row\":5", "TAKEN");
        assertThat(contact(api, "first@example.com").get("phone").asString()).isEqualTo("+33622222222");
        assertThat(api.get("/api/v1/contacts?email=second@example.com").json().get("items"))
                .isEmpty();
        assertThat(contact(api, "holder@example.com").get("phone").asString()).isEqualTo("+33611111111");
    }

    @Test
    void an_import_does_not_overrule_a_withdrawn_consent() {
        var api = api();
        var id = api.post(
                        "/api/v1/contacts",
                        json(
                                "email",
                                "withdrawn@example.com",
                                "consents",
                                List.of(json(
                                        "channel", "EMAIL",
                                        "purpose", "marketing",
                                        "status", "GRANTED",
                                        "method", "API",
                                        "evidence", json("text", "Yes")))))
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/contacts/" + id + "/consents",
                json(
                        "channel", "EMAIL",
                        "purpose", "marketing",
                        "status", "WITHDRAWN",
                        "method", "API",
                        "evidence", json("text", "Asked at the till")));

        var job = importCsv(api, "email\nwithdrawn@example.com\nfresh@example.com\n");

        assertThat(job.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("code").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(api.get("/api/v1/contacts/" + id + "/consents").json().get("items"))
                .hasSize(2);
    }

    @Test
    void contacts_and_list_entries_keep_their_references_without_foreign_keys() {
        var tenant = tenants.create("References").tenant();
        var contactId = UUID.randomUUID();
        TenantScope.run(
                tenant.id(),
                () -> jdbc.sql("INSERT INTO contact (tenant_id, id, email) VALUES (?, ?, 'kept@example.com')")
                        .params(tenant.id().value(), contactId)
                        .update());

        TenantScope.run(tenant.id(), () -> {
            assertThatThrownBy(
                            () -> jdbc.sql("INSERT INTO contact_list (tenant_id, contact_id, list) VALUES (?, ?, 'x')")
                                    .params(tenant.id().value(), UUID.randomUUID())
                                    .update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("unknown contact");
            assertThatThrownBy(() -> jdbc.sql(
                                    "INSERT INTO contact_list (tenant_id, contact_id, list) VALUES (?, ?, 'x'), (?, ?, 'x')")
                            .params(tenant.id().value(), contactId, tenant.id().value(), UUID.randomUUID())
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("unknown contact");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM contact WHERE id = ?")
                            .param(contactId)
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("never deleted");
            assertThatThrownBy(() -> jdbc.sql("UPDATE contact SET id = ? WHERE id = ?")
                            .params(UUID.randomUUID(), contactId)
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class);
        });
        TenantScope.callAsPlatform(() -> {
            assertThatThrownBy(
                            () -> jdbc.sql("INSERT INTO contact (tenant_id, id, email) VALUES (?, ?, 'x@example.com')")
                                    .params(UUID.randomUUID(), UUID.randomUUID())
                                    .update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("unknown tenant");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM tenant WHERE id = ?")
                            .param(tenant.id().value())
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("tenant with contacts");
            return null;
        });
    }
}
