package clipcast.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Import files are untrusted: whatever bytes arrive, reading ends in rows or a clean file error, never a crash. */
class ImportFilesPropertiesTest {

    static List<List<String>> read(byte[] content, ImportFileType type) throws IOException {
        var file = Files.createTempFile("import", "." + type.name().toLowerCase());
        try {
            Files.write(file, content);
            var rows = new ArrayList<List<String>>();
            ImportFiles.read(file, type, (row, cells) -> rows.add(cells));
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 200)
    void any_bytes_in_any_file_type_read_as_rows_or_fail_with_a_file_error(
            @ForAll @Size(max = 3000) byte[] content, @ForAll ImportFileType type) throws IOException {
        try {
            read(content, type);
        } catch (ImportFileException expected) {
            assertThat(expected.code()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void hostile_csv_text_never_crashes_the_reader_nor_the_row_mapper(@ForAll("hostileCsv") String csv)
            throws IOException {
        try {
            var rows = read(csv.getBytes(StandardCharsets.UTF_8), ImportFileType.CSV);
            if (!rows.isEmpty()) {
                try {
                    var mapper = ImportRowMapper.withHeader(
                            rows.getFirst(), ImportRowMapper.Key.EMAIL, "FR", LocalDate.of(2026, 1, 1));
                    for (int i = 1; i < rows.size(); i++) {
                        assertThat(mapper.map(i + 1, rows.get(i))).isNotNull();
                    }
                } catch (ImportFileException noEmailColumn) {
                    assertThat(noEmailColumn.code()).isEqualTo("NO_ADDRESS_COLUMN");
                }
            }
        } catch (ImportFileException expected) {
            assertThat(expected.code()).isIn("UNREADABLE_FILE", "EMPTY_FILE");
        }
    }

    @Provide
    Arbitrary<String> hostileCsv() {
        var pieces = Arbitraries.of(
                "email",
                "e-mail",
                "name",
                "\"",
                "\"\"",
                ",",
                ";",
                "\t",
                "|",
                "\n",
                "\r\n",
                "\r",
                "a@b.co",
                "=cmd|' /C calc'!A0",
                "+SUM(1)",
                "@x",
                "\u0000",
                "\uFEFF",
                "é",
                "\uD83D\uDE00",
                " ",
                "x".repeat(300));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Test
    void semicolons_tabs_and_pipes_are_detected_as_separators() throws IOException {
        assertThat(read("email;name\na@b.co;Ann\n".getBytes(), ImportFileType.CSV)
                        .get(1))
                .containsExactly("a@b.co", "Ann");
        assertThat(read("email\tname\na@b.co\tAnn\n".getBytes(), ImportFileType.CSV)
                        .get(1))
                .containsExactly("a@b.co", "Ann");
        assertThat(read("email|name\na@b.co|\"A|nn\"\n".getBytes(), ImportFileType.CSV)
                        .get(1))
                .containsExactly("a@b.co", "A|nn");
    }

    @Test
    void utf8_with_bom_utf16_and_windows_1252_are_all_decoded() throws IOException {
        var text = "email,name\na@b.co,Zoé\n";
        var bom = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        var withBom = new byte[bom.length + text.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, withBom, 3, withBom.length - 3);

        assertThat(read(withBom, ImportFileType.CSV).getFirst().getFirst()).isEqualTo("email");
        assertThat(read(withBom, ImportFileType.CSV).get(1).get(1)).isEqualTo("Zoé");
        assertThat(read(text.getBytes(Charset.forName("windows-1252")), ImportFileType.CSV)
                        .get(1)
                        .get(1))
                .isEqualTo("Zoé");
        var utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        assertThat(read(utf16, ImportFileType.CSV).get(1).get(1)).isEqualTo("Zoé");
    }

    @Test
    void a_huge_line_in_a_txt_file_is_cut_and_then_refused_as_an_address() throws IOException {
        var rows = read(("a@b.co\n" + "y".repeat(1_000_000) + "@x.com\nc@d.co\n").getBytes(), ImportFileType.TXT);

        assertThat(rows).hasSize(3);
        var mapper = ImportRowMapper.forLines(ImportRowMapper.Key.EMAIL, null, LocalDate.of(2026, 1, 1));
        assertThat(mapper.map(2, rows.get(1))).isInstanceOf(ImportRowMapper.Rejected.class);
        assertThat(mapper.map(3, rows.get(2))).isInstanceOf(ImportRowMapper.Accepted.class);
    }

    @Test
    void empty_and_zero_byte_files_are_refused_as_empty() {
        for (var type : ImportFileType.values()) {
            assertThatThrownBy(() -> read(new byte[0], type))
                    .isInstanceOf(ImportFileException.class)
                    .extracting(e -> ((ImportFileException) e).code())
                    .isEqualTo("EMPTY_FILE");
        }
    }

    @Test
    void numbers_from_spreadsheets_keep_every_digit() {
        assertThat(ImportFiles.number(new java.math.BigDecimal("3.3612345678E10")))
                .isEqualTo("33612345678");
        assertThat(ImportFiles.number(new java.math.BigDecimal("12.50"))).isEqualTo("12.5");
    }
}
