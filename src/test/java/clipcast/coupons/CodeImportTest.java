package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.coupons.domain.CodeAlphabet;
import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.CodeGenerator;
import clipcast.coupons.domain.CodeImportProblem;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Importing externally made codes: streamed, all or nothing, every wrong row counted and the first ones named. */
@ClipcastTest
class CodeImportTest {

    static final int BIG = 300_000;

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Coupons coupons;

    @Autowired
    JdbcClient jdbc;

    @Test
    void three_hundred_thousand_codes_sent_as_the_body_are_all_imported() {
        var shop = tenants.create("Big Import Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        // Every thousandth code as a person might type it: lower case, spaces around.
        var file = aCodeFile();
        for (int i = 1; i <= BIG; i++) {
            file.withCode(i % 1000 == 0 ? "  bulk-" + number(i) + " " : bulkCode(i));
        }

        var reply = api.importCsvBody(offer, file.bytes());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("imported").asLong()).isEqualTo(BIG);
        assertThat(api.codeCount(offer)).isEqualTo(BIG);
        assertThat(count(shop.tenant().id(), "SELECT count(DISTINCT code) FROM coupon_code WHERE code LIKE 'BULK-%'"))
                .isEqualTo(BIG);
        assertThat(
                        count(
                                shop.tenant().id(),
                                "SELECT count(*) FROM coupon_code WHERE contact_id IS NULL AND NOT generic AND redemptions = 0"))
                .isEqualTo(BIG);
        assertThat(api.validate(bulkCode(1)).status()).isEqualTo(200);
        assertThat(api.validate(bulkCode(1000)).status()).isEqualTo(200);
        assertThat(api.validate(bulkCode(BIG)).status()).isEqualTo(200);
    }

    @Test
    void the_big_file_with_a_duplicate_near_the_end_and_a_taken_code_names_those_rows_and_imports_nothing() {
        var shop = tenants.create("Careful Import Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var earlier = api.createOffer(anOffer());
        var offer = api.createOffer(anOffer());
        assertThat(api.importCsvBody(earlier, aCodeFile().withCode("TAKEN-0001").bytes())
                        .status())
                .isEqualTo(201);
        var file = aCodeFile();
        for (int i = 1; i <= BIG; i++) {
            file.withCode(
                    switch (i) {
                        case 150_000 -> "taken-0001";
                        case 299_990 -> bulkCode(17);
                        default -> bulkCode(i);
                    });
        }

        var reply = api.importCsvFile(offer, file.bytes());

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        var body = reply.json();
        assertThat(body.get("code").asString()).isEqualTo("IMPORT_REJECTED");
        assertThat(body.get("errorCount").asLong()).isEqualTo(2);
        assertThat(rows(body)).containsExactly("150000 code CODE_TAKEN", "299990 code DUPLICATE_CODE");
        assertThat(body.get("rows").get(0).get("message").asString()).isEqualTo("The code exists already.");
        assertThat(body.get("errors").get(1).get("field").asString()).isEqualTo("row 299990 code");
        assertThat(body.get("detail").asString()).startsWith("2 rows are wrong; nothing was imported.");
        assertThat(api.codeCount(offer)).isZero();
        assertThat(count(shop.tenant().id(), "SELECT count(*) FROM coupon_code"))
                .isEqualTo(1);
    }

    @Test
    void of_more_than_a_thousand_wrong_rows_the_first_thousand_are_named_in_row_order_and_all_are_counted() {
        var shop = tenants.create("Messy Export Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        // Row 3k is malformed (checked while reading), row 3k + 1 repeats row 1 (found in the database afterwards).
        var file = aCodeFile();
        for (int i = 1; i <= 3000; i++) {
            file.withCode(
                    switch (i % 3) {
                        case 0 -> "x!";
                        case 1 -> "AGAIN-0001";
                        default -> bulkCode(i);
                    });
        }

        var reply = api.importCsvBody(offer, file.bytes());

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        var body = reply.json();
        assertThat(body.get("errorCount").asLong()).isEqualTo(1000 + 999);
        var rows = rows(body);
        assertThat(rows).hasSize(1000);
        assertThat(body.get("errors").size()).isEqualTo(1000);
        assertThat(rows.subList(0, 4))
                .containsExactly(
                        "3 code INVALID_FORMAT",
                        "4 code DUPLICATE_CODE",
                        "6 code INVALID_FORMAT",
                        "7 code DUPLICATE_CODE");
        assertThat(rows.getLast()).isEqualTo("1501 code DUPLICATE_CODE");
        assertThat(body.get("detail").asString()).contains("rows are wrong; nothing was imported.");
        assertThat(api.codeCount(offer)).isZero();
    }

    @Test
    void a_csv_body_and_a_multipart_file_give_the_same_answers() {
        var shop = tenants.create("Two Ways Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var byBody = api.createOffer(anOffer());
        var byFile = api.createOffer(anOffer());
        var wrong = aCodeFile()
                .withCode("SAME-0001")
                .withCode("")
                .withCode("SAME-0001")
                .withCode("ÄÖÜ-0001")
                .bytes();

        var wrongAsBody = api.importCsvBody(byBody, wrong);
        var wrongAsFile = api.importCsvFile(byBody, wrong);
        var rightAsBody = api.importCsvBody(
                byBody, aCodeFile().withCode("BODY-0001").withCode("BODY-0002").bytes());
        var rightAsFile = api.importCsvFile(
                byFile, aCodeFile().withCode("FILE-0001").withCode("FILE-0002").bytes());

        assertThat(wrongAsBody.status()).isEqualTo(422);
        assertThat(wrongAsFile.status()).isEqualTo(422);
        assertThat(rows(wrongAsBody.json()))
                .containsExactly("2 code REQUIRED", "3 code DUPLICATE_CODE", "4 code INVALID_FORMAT");
        assertThat(wrongAsFile.json().get("rows")).isEqualTo(wrongAsBody.json().get("rows"));
        assertThat(wrongAsFile.json().get("errors"))
                .isEqualTo(wrongAsBody.json().get("errors"));
        assertThat(wrongAsFile.json().get("errorCount"))
                .isEqualTo(wrongAsBody.json().get("errorCount"));
        assertThat(rightAsBody.status()).as(rightAsBody.body()).isEqualTo(201);
        assertThat(rightAsFile.status()).as(rightAsFile.body()).isEqualTo(201);
        assertThat(rightAsFile.json()).isEqualTo(rightAsBody.json());
        assertThat(api.codeCount(byBody)).isEqualTo(2);
        assertThat(api.codeCount(byFile)).isEqualTo(2);
        assertThat(api.validate("FILE-0002").status()).isEqualTo(200);
    }

    @Test
    void a_file_that_starts_with_a_byte_order_mark_imports_as_body_and_as_file() {
        var shop = tenants.create("Spreadsheet Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());

        var asBody = api.importCsvBody(
                offer, aCodeFile().withByteOrderMark().withCode("BOM-0001").bytes());
        var asFile = api.importCsvFile(
                offer, aCodeFile().withByteOrderMark().withCode("BOM-0002").bytes());

        assertThat(asBody.status()).as(asBody.body()).isEqualTo(201);
        assertThat(asFile.status()).as(asFile.body()).isEqualTo(201);
        assertThat(api.validate("BOM-0001").status()).isEqualTo(200);
        assertThat(api.validate("BOM-0002").status()).isEqualTo(200);
        assertThat(api.codeCount(offer)).isEqualTo(2);
    }

    @Test
    void a_file_that_breaks_part_way_imports_nothing_and_the_next_import_works() {
        var shop = tenants.create("Broken File Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        var file = aCodeFile();
        for (int i = 1; i <= 50_000; i++) {
            file.withCode(bulkCode(i));
        }
        file.withLine("\"BROKEN\"x");

        var broken = api.importCsvBody(offer, file.bytes());
        var next = api.importCsvBody(offer, aCodeFile().withCode(bulkCode(1)).bytes());

        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
        assertThat(broken.json().get("code").asString()).isEqualTo("MALFORMED_CSV");
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        assertThat(api.codeCount(offer)).isEqualTo(1);
    }

    @Test
    void a_file_with_a_header_and_no_codes_is_rejected_as_empty() {
        var api = new CouponApi(
                new HttpApi(port, tenants.create("Empty File Shop").apiKey()));
        var offer = api.createOffer(anOffer());

        var headerOnly = api.importCsvBody(offer, aCodeFile().bytes());
        var nothing = api.importCsvFile(offer, new byte[0]);

        for (var reply : List.of(headerOnly, nothing)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(rows(reply.json())).containsExactly("0 file REQUIRED");
            assertThat(reply.json().get("rows").get(0).get("message").asString())
                    .isEqualTo("The file has no codes.");
        }
    }

    @Test
    void a_row_too_short_to_reach_the_code_column_makes_the_file_malformed_and_imports_nothing() {
        var api =
                new CouponApi(new HttpApi(port, tenants.create("Short Row Shop").apiKey()));
        var offer = api.createOffer(anOffer());
        var csv = "id,code\r\n1\r\n2,SHORT-ROW-OK\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        for (var reply : List.of(api.importCsvBody(offer, csv), api.importCsvFile(offer, csv))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("MALFORMED_CSV");
        }
        assertThat(api.codeCount(offer)).isZero();
    }

    @Test
    void a_code_with_a_wrong_check_character_is_named() {
        var api = new CouponApi(
                new HttpApi(port, tenants.create("Checked Import Shop").apiKey()));
        var offer = api.createOffer(anOffer().withFormat("length", 8).withFormat("checkCharacter", true));
        var generator = new CodeGenerator(new CodeFormat("", null, 8, CodeAlphabet.DEFAULT, true), new Random(7));
        var right = generator.next();
        var other = generator.next();
        var typo = other.substring(0, other.length() - 1) + otherCharacter(other.charAt(other.length() - 1));

        var rejected = api.importCsvBody(
                offer, aCodeFile().withCode(right).withCode(typo).bytes());
        var imported = api.importCsvBody(offer, aCodeFile().withCode(right).bytes());

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rows(rejected.json())).containsExactly("2 code INVALID_CHECK_CHARACTER");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(api.codeCount(offer)).isEqualTo(1);
    }

    @Test
    void codes_another_import_commits_meanwhile_are_named_and_nothing_is_kept() throws Exception {
        var shop = tenants.create("Racing Import Shop");
        var tenant = shop.tenant().id();
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var sooner = api.createOffer(anOffer());
        var later = UUID.fromString(api.createOffer(anOffer()));
        var staged = new CountDownLatch(1);
        var committed = new CountDownLatch(1);
        CodeSource slowFile = sink -> {
            sink.row(1, "RACE-0001");
            sink.row(2, "RACE-0002");
            sink.row(3, "RACE-0003");
            staged.countDown();
            awaitQuietly(committed);
            return true;
        };

        ImportOutcome outcome;
        HttpApi.Reply soonerReply;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var laterImport =
                    executor.submit(() -> TenantScope.call(tenant, () -> coupons.importCodes(later, slowFile)));
            assertThat(staged.await(30, TimeUnit.SECONDS)).isTrue();
            soonerReply =
                    api.importCsvBody(sooner, aCodeFile().withCode("RACE-0002").bytes());
            committed.countDown();
            outcome = laterImport.get(60, TimeUnit.SECONDS);
        }

        assertThat(soonerReply.status()).as(soonerReply.body()).isEqualTo(201);
        assertThat(outcome)
                .isEqualTo(new ImportOutcome.Rejected(
                        List.of(new ImportOutcome.RowError(2, "code", CodeImportProblem.CODE_TAKEN)), 1));
        assertThat(api.codeCount(later.toString())).isZero();
        assertThat(count(tenant, "SELECT count(*) FROM coupon_code")).isEqualTo(1);
    }

    // --- helpers

    private long count(TenantId tenant, String sql) {
        return TenantScope.call(tenant, () -> jdbc.sql(sql).query(Long.class).single());
    }

    /** The named rows of a rejection as "row field code", in the order given. */
    private static List<String> rows(JsonNode body) {
        var rows = new ArrayList<String>();
        for (var row : body.get("rows")) {
            rows.add(row.get("row").asLong() + " " + row.get("field").asString() + " "
                    + row.get("code").asString());
        }
        return rows;
    }

    private static String bulkCode(int i) {
        return "BULK-" + number(i);
    }

    private static String number(int i) {
        return String.format("%06d", i);
    }

    private static char otherCharacter(char c) {
        var characters = CodeAlphabet.DEFAULT.characters();
        return characters.charAt((characters.indexOf(c) + 1) % characters.length());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static CodeFile aCodeFile() {
        return new CodeFile();
    }

    /** A CSV file of codes as a merchant's other system writes it: a header row, then a code a line. */
    static final class CodeFile {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean byteOrderMark;

        CodeFile() {
            withLine("code");
        }

        CodeFile withByteOrderMark() {
            byteOrderMark = true;
            return this;
        }

        CodeFile withCode(String code) {
            return withLine(code.isEmpty() ? "\"\"" : code);
        }

        CodeFile withLine(String line) {
            bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            var content = bytes.toByteArray();
            if (!byteOrderMark) {
                return content;
            }
            var withMark = new ByteArrayOutputStream();
            withMark.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            withMark.writeBytes(content);
            return withMark.toByteArray();
        }
    }
}
