package clipcast.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportRowMapperTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static ImportRowMapper mapper(String... header) {
        return ImportRowMapper.withHeader(List.of(header), ImportRowMapper.Key.EMAIL, "FR", TODAY);
    }

    private static NormalisedContact accepted(ImportRowMapper.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ImportRowMapper.Accepted.class);
        return ((ImportRowMapper.Accepted) outcome).contact();
    }

    @Test
    void columns_are_matched_by_their_usual_spellings_and_unknown_ones_become_attributes() {
        var mapper = mapper("\uFEFFE-Mail", "Prénom", "Mobile", "Date of birth", "Loyalty tier", "");
        var contact = accepted(
                mapper.map(2, List.of(" Ann@Example.COM ", " Ann ", "06 12 34 56 78", "1990-02-28", " gold ", "x")));

        assertThat(contact.email().value()).isEqualTo("ann@example.com");
        assertThat(contact.firstName()).isEqualTo("Ann");
        assertThat(contact.phone().e164()).isEqualTo("+33612345678");
        assertThat(contact.country()).as("the default country").isEqualTo("FR");
        assertThat(contact.birthDate()).isEqualTo(LocalDate.of(1990, 2, 28));
        assertThat(contact.attributes()).isEqualTo(Map.of("Loyalty tier", "gold"));
    }

    @Test
    void list_names_are_split_at_semicolons_commas_and_bars_trimmed_and_empty_ones_left_out() {
        var contact =
                accepted(mapper("email", "lists").map(2, List.of("a@example.com", " vip ; news,|  summer sale|")));

        assertThat(contact.lists()).containsExactly("vip", "news", "summer sale");
        assertThat(accepted(mapper("email", "tags").map(3, List.of("b@example.com", " ; , ")))
                        .lists())
                .isEmpty();
    }

    @Test
    void a_later_column_of_the_same_field_wins_and_blank_cells_count_as_absent() {
        var mapper = mapper("email", "first_name", "firstname", "country");
        var contact = accepted(mapper.map(2, List.of("a@example.com", "First", "Second", "  ")));

        assertThat(contact.firstName()).isEqualTo("Second");
        assertThat(contact.country()).isEqualTo("FR");
        assertThat(contact.attributes()).isEmpty();
    }

    @Test
    void rows_are_refused_with_the_field_and_the_reason() {
        var mapper = mapper("email", "birthdate", "Note");

        assertThat(mapper.map(2, List.of("", "1990-01-01", "x")))
                .isEqualTo(new ImportRowMapper.Rejected(2, "email", "MISSING_ADDRESS"));
        assertThat(mapper.map(3, List.of("a@example.com", "31/12/1990", "x")))
                .isEqualTo(new ImportRowMapper.Rejected(3, "birthDate", "INVALID_BIRTH_DATE"));
        assertThat(mapper.map(4, List.of("a@example.com", "2012-01-01", "x")))
                .isEqualTo(new ImportRowMapper.Rejected(4, "birthDate", "UNDER_16"));
        assertThat(mapper.map(5, List.of("a@example.com", "", "x".repeat(ContactRules.MAX_TEXT * 5 + 1))))
                .isEqualTo(new ImportRowMapper.Rejected(5, "attributes.Note", "TOO_LONG"));
        assertThat(mapper.map(6, List.of("a@example.com", "", "=cmd|' /C calc'!A0")))
                .isEqualTo(new ImportRowMapper.Rejected(6, "attributes.Note", "FORMULA_NOT_ALLOWED"));
        assertThatThrownBy(() -> mapper("name", "phone"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("No EMAIL column");
    }

    @Test
    void a_line_of_a_text_file_is_an_email_when_it_has_an_at_sign() {
        var mapper = ImportRowMapper.forLines(ImportRowMapper.Key.EMAIL, null, TODAY);

        assertThat(accepted(mapper.map(1, List.of("Zoe@Example.com"))).email().value())
                .isEqualTo("zoe@example.com");
        assertThat(mapper.map(2, List.of("+33612345678")))
                .isEqualTo(new ImportRowMapper.Rejected(2, "email", "MISSING_ADDRESS"));
    }
}
