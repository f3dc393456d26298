package clipcast.contacts;

import static clipcast.contacts.ImportApiTest.attestation;
import static clipcast.contacts.ImportApiTest.finished;
import static clipcast.contacts.ImportApiTest.upload;
import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A large import is written through several lanes, each its own transaction, prepared
 * and committed with the first one. It must give exactly what one transaction gives, leave nothing behind when it
 * fails, and leave no prepared transaction for long whatever happens to the node.
 */
@ClipcastTest
class ImportLanesTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Imports imports;

    @Autowired
    PreparedLanes preparedLanes;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void defaults() {
        imports.lanes(3, 16L * 1024 * 1024);
    }

    /**
     * Rows of one address far apart (merged, lists added, last values kept), addresses in other letter cases, phone
     * numbers given to two addresses (the first keeps it), rows rejected while reading and for suppression: over
     * several chunks per lane.
     */
    static String hostileFile() {
        var csv = new StringBuilder("email,phone,first_name,lists,country\n");
        int rows = 2 * ImportStage.CHUNK + 5_000;
        for (int i = 0; i < rows; i++) {
            switch (i % 1_000) {
                case 7 ->
                    csv.append("again")
                            .append(i / 1_000 % 50)
                            .append("@example.com,,Later")
                            .append(i)
                            .append(",late,DE\n");
                case 11 -> csv.append("AGAIN").append(i / 1_000 % 50).append("@Example.com,,,upper,\n");
                case 13 ->
                    csv.append("shared")
                            .append(i)
                            .append("@example.com,+3361234")
                            .append(i % 9_000 / 1_000)
                            .append("000,,phones,FR\n");
                case 17 -> csv.append("not an address,,,,\n");
                case 19 -> csv.append("blocked").append(i % 3).append("@example.com,,,,\n");
                default -> {
                    if (i < 100) {
                        csv.append("again")
                                .append(i)
                                .append("@example.com,,First")
                                .append(i)
                                .append(",early,FR\n");
                    } else {
                        csv.append("person")
                                .append(i)
                                .append("@example.com,,Name")
                                .append(i)
                                .append(",vip;news,FR\n");
                    }
                }
            }
        }
        return csv.toString();
    }

    JsonNode importInto(TestTenants.TenantWithKey tenant, String csv) {
        var api = new HttpApi(port, tenant.apiKey());
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/suppressions", json("email", "blocked" + i + "@example.com"));
        }
        return finished(api, upload(api, attestation("EMAIL"), "big.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    List<String> contents(TenantId tenant) {
        return TenantScope.call(tenant, () -> {
            var rows = new java.util.ArrayList<String>();
            rows.addAll(jdbc.sql("""
                            SELECT concat_ws('|', email, phone, first_name, country, attributes::text) FROM contact
                            ORDER BY email""").query(String.class).list());
            rows.addAll(jdbc.sql("""
                            SELECT c.email || ' in ' || l.list FROM contact_list l JOIN contact c ON c.id = l.contact_id
                            ORDER BY 1""").query(String.class).list());
            rows.addAll(jdbc.sql("""
                            SELECT concat_ws('|', c.email, e.status, e.import_row, e.evidence_text, e.source_description)
                            FROM consent_entry e JOIN contact c ON c.id = e.contact_id ORDER BY 1""").query(String.class).list());
            rows.addAll(jdbc.sql("""
                            SELECT concat_ws('|', row_number, field, code) FROM contact_import_error
                            ORDER BY row_number, field""").query(String.class).list());
            return rows;
        });
    }

    /**
     * Imports the file into the first tenant in one lane and into the second in three, and checks that both jobs
     * counted the same; returns the one-lane job.
     */
    JsonNode importInOneLaneThenInThree(TestTenants.TenantWithKey alone, TestTenants.TenantWithKey shared, String csv) {
        imports.lanes(1, 0);
        var one = importInto(alone, csv);
        assertThat(imports.lastLanes()).isEqualTo(1);
        imports.lanes(3, 0);
        var three = importInto(shared, csv);
        assertThat(imports.lastLanes()).isEqualTo(3);
        assertThat(three.get("status").asString()).as(three.toString()).isEqualTo("DONE");
        for (var count : List.of("rowsTotal", "rowsImported", "rowsRejected")) {
            assertThat(three.get(count).asLong())
                    .as(count)
                    .isEqualTo(one.get(count).asLong());
        }
        return one;
    }

    long preparedTransactions() {
        return jdbc.sql("SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'clipcast-import-%'")
                .query(Long.class)
                .single();
    }

    @Test
    void three_lanes_give_exactly_what_one_transaction_gives() {
        var csv = hostileFile();
        var alone = tenants.create("One lane");
        var shared = tenants.create("Three lanes");
        var one = importInOneLaneThenInThree(alone, shared, csv);
        assertThat(one.get("rowsRejected").asLong())
                .as("rejected rows in the file")
                .isGreaterThan(100);
        var expected = contents(alone.tenant().id());
        assertThat(expected)
                .as("what the file holds")
                .anyMatch(row -> row.contains("|TAKEN"))
                .anyMatch(row -> row.contains("|SUPPRESSED"))
                .contains("again1@example.com|Later1007|DE|{}")
                .contains("again1@example.com in early", "again1@example.com in late", "again1@example.com in upper");
        assertThat(contents(shared.tenant().id())).containsExactlyElementsOf(expected);
        assertThat(preparedTransactions()).isZero();
    }

    /**
     * Contacts the tenant has already: some of the file's addresses with other values and lists, and one that holds a
     * phone number the file gives to another address.
     */
    static String knownContacts() {
        var csv = new StringBuilder("email,phone,first_name,lists,country\n");
        for (int i = 100; i < 2 * ImportStage.CHUNK + 5_000; i += 3) {
            csv.append("person").append(i).append("@example.com,,Old").append(i).append(",old,BE\n");
        }
        for (int k = 0; k < 50; k++) {
            csv.append("again").append(k).append("@example.com,,Before,before,BE\n");
        }
        return csv.append("holder@example.com,+33612340000,Holder,,FR\n").toString();
    }

    @Test
    void into_a_tenant_with_contacts_three_lanes_give_exactly_what_one_transaction_gives() {
        var csv = hostileFile();
        imports.lanes(1, 0);
        var alone = tenants.create("Known, one lane");
        var shared = tenants.create("Known, three lanes");
        for (var tenant : List.of(alone, shared)) {
            assertThat(importInto(tenant, knownContacts()).get("status").asString())
                    .isEqualTo("DONE");
        }
        importInOneLaneThenInThree(alone, shared, csv);
        var expected = contents(alone.tenant().id());
        assertThat(expected)
                .as("what the file makes of the known contacts")
                .contains("person103@example.com|Name103|FR|{}", "holder@example.com|+33612340000|Holder|FR|{}")
                .contains("person103@example.com in old", "person103@example.com in vip")
                .contains("again1@example.com|Later1007|DE|{}", "again1@example.com in before")
                .as("the holder keeps its phone number: the file's first row that gives it (line 15) is refused")
                .contains("15|phone|TAKEN");
        assertThat(contents(shared.tenant().id())).containsExactlyElementsOf(expected);
        assertThat(preparedTransactions()).isZero();
    }

    @Test
    void a_file_that_breaks_late_leaves_no_lane_behind() {
        imports.lanes(3, 0);
        var tenant = tenants.create("Broken lanes");
        var csv = new StringBuilder("email,lists\n");
        for (int i = 0; i < 3 * ImportStage.CHUNK; i++) {
            csv.append("late").append(i).append("@example.com,vip\n");
        }
        csv.append("\"unterminated@example.com,vip\n");

        var job = finished(
                new HttpApi(port, tenant.apiKey()),
                upload(
                        new HttpApi(port, tenant.apiKey()),
                        attestation("EMAIL"),
                        "broken.csv",
                        csv.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(imports.lastLanes()).isEqualTo(3);
        var counts = TenantScope.call(
                tenant.tenant().id(),
                () -> jdbc.sql("""
                        SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM contact_list),
                               (SELECT count(*) FROM consent_record)""")
                        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        .single());
        assertThat(counts).containsExactly(0L, 0L, 0L);
        assertThat(preparedTransactions()).isZero();
    }

    /**
     * Another transaction commits one of the file's addresses while the second lane is writing: that lane fails on
     * the unique index, every lane rolls back, and the import runs again, merging the address into the contact.
     */
    @Test
    void an_address_committed_meanwhile_in_the_second_lane_makes_the_whole_import_run_again() {
        imports.lanes(2, 0);
        var tenant = tenants.create("Meanwhile");
        var api = new HttpApi(port, tenant.apiKey());
        int rows = 300_000;
        var late = "";
        for (int i = rows - 10; late.isEmpty(); i--) {
            var candidate = "member" + i + "@example.com";
            if (ImportStage.laneOf(candidate, 2) == 1) {
                late = candidate;
            }
        }
        var csv = new StringBuilder("email,lists\n");
        for (int i = 0; i < rows; i++) {
            csv.append("member").append(i).append("@example.com,members\n");
        }
        var started =
                upload(api, attestation("EMAIL"), "members.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        var id = started.json().get("id").asString();
        for (int i = 0; i < 600; i++) {
            var job = api.get("/api/v1/imports/" + id).json();
            assertThat(job.get("status").asString())
                    .as("still running when the address comes in")
                    .isEqualTo("RUNNING");
            if (job.get("rowsTotal").asLong() > 0) {
                break;
            }
            sleep(20);
        }
        assertThat(imports.lastLanes()).isEqualTo(2);
        var added = api.post("/api/v1/contacts", json("email", late, "firstName", "Early"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        var job = finished(api, started);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("rowsImported").asLong()).isEqualTo(rows);
        assertThat(imports.lastLanes())
                .as("the second attempt, in lanes again: it merges the contact committed meanwhile")
                .isEqualTo(2);
        var contact = ImportMergingTest.contact(api, late);
        assertThat(contact.get("firstName").asString()).isEqualTo("Early");
        assertThat(ImportMergingTest.texts(contact.get("lists"))).containsExactly("members");
        var count = TenantScope.call(
                tenant.tenant().id(),
                () -> jdbc.sql("SELECT count(*) FROM contact").query(Long.class).single());
        assertThat(count).isEqualTo(rows);
        assertThat(preparedTransactions()).isZero();
    }

    @Test
    void with_every_prepared_transaction_taken_the_import_runs_again_in_one_lane() throws SQLException {
        imports.lanes(3, 0);
        int slots = jdbc.sql("SELECT current_setting('max_prepared_transactions')::int")
                .query(Integer.class)
                .single();
        var taken = new java.util.ArrayList<String>();
        try {
            for (int i = 0; i < slots; i++) {
                var gid = "clipcast-test-slot-" + i;
                try (var connection = TenantScope.callAsPlatform(this::connection)) {
                    connection.setAutoCommit(false);
                    try (var prepare = connection.createStatement()) {
                        prepare.execute("PREPARE TRANSACTION '" + gid + "'");
                    }
                    connection.setAutoCommit(true);
                }
                taken.add(gid);
            }
            var tenant = tenants.create("No slots");
            var api = new HttpApi(port, tenant.apiKey());

            var job = finished(
                    api,
                    upload(
                            api,
                            attestation("EMAIL"),
                            "small.csv",
                            "email\na@example.com\nb@example.com\n".getBytes(StandardCharsets.UTF_8)));

            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.get("rowsImported").asLong()).isEqualTo(2);
            assertThat(imports.lastLanes()).isEqualTo(1);
        } finally {
            for (var gid : taken) {
                jdbc.sql("ROLLBACK PREPARED '" + gid + "'").update();
            }
        }
        assertThat(preparedTransactions()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A node that dies between preparing a lane and committing it leaves the lane prepared. Whichever node looks next
     * commits it if the import committed, rolls it back if not, and leaves it alone while the import's first lane
     * still runs.
     */
    @Test
    void prepared_lanes_left_by_a_dead_node_end_as_their_import_ended() throws Exception {
        var tenant = tenants.create("Orphans");
        var api = new HttpApi(port, tenant.apiKey());
        var done = finished(
                api,
                upload(
                        api,
                        attestation("EMAIL"),
                        "ok.csv",
                        "email\nok@example.com\n".getBytes(StandardCharsets.UTF_8)));
        var failed = finished(
                api,
                upload(
                        api,
                        attestation("EMAIL"),
                        "bad.csv",
                        "email\n\"broken@example.com\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        var doneId = UUID.fromString(done.get("id").asString());
        var failedId = UUID.fromString(failed.get("id").asString());

        var committed = ImportLane.gid(doneId, 1, 1);
        var rolledBack = ImportLane.gid(failedId, 1, 1);
        var tenantId = tenant.tenant().id();
        prepareContact(tenantId, "kept@example.com", committed);
        prepareContact(tenantId, "dropped@example.com", rolledBack);

        try (var firstLane = TenantScope.callAsPlatform(this::connection)) {
            // The import's first lane still running: its lock is held, so its lane is left as it is.
            firstLane.setAutoCommit(false);
            try (var lock = firstLane.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('clipcast-import:' || ?::text, 0))")) {
                lock.setObject(1, doneId);
                lock.executeQuery().close();
            }
            TenantScope.callAsPlatform(preparedLanes::resolveOrphans);
            assertThat(preparedTransactions()).isEqualTo(1);
            firstLane.rollback();
        }
        TenantScope.callAsPlatform(preparedLanes::resolveOrphans);

        assertThat(preparedTransactions()).isZero();
        var emails = TenantScope.call(
                tenant.tenant().id(),
                () -> jdbc.sql("SELECT email FROM contact ORDER BY email")
                        .query(String.class)
                        .list());
        assertThat(emails).containsExactly("kept@example.com", "ok@example.com");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a lane leaves when its node dies after preparing it: a contact written, prepared, not committed. */
    private void prepareContact(TenantId tenant, String email, String gid) throws SQLException {
        try (var connection = TenantScope.call(tenant, this::connection)) {
            connection.setAutoCommit(false);
            try (var insert =
                    connection.prepareStatement("INSERT INTO contact (tenant_id, id, email) VALUES (?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, email);
                insert.executeUpdate();
            }
            try (var prepare = connection.createStatement()) {
                prepare.execute("PREPARE TRANSACTION '" + gid + "'");
            }
            connection.setAutoCommit(true);
        }
    }
}
