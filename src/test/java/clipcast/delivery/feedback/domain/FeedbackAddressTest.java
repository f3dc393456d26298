package clipcast.delivery.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Addresses and Message-IDs as reports write them, in the form the outbox keeps. */
class FeedbackAddressTest {

    @Test
    void an_address_is_lower_case_with_its_domain_in_punycode_and_without_brackets_or_trailing_dot() {
        assertThat(ReportedAddress.normalise(" <Ana.Example@Example.ORG> ")).contains("ana.example@example.org");
        assertThat(ReportedAddress.normalise("ana@bücher.example.")).contains("ana@xn--bcher-kva.example");
        assertThat(ReportedAddress.ofTypedField("rfc822; Ana@Example.org")).contains("ana@example.org");
        assertThat(ReportedAddress.ofTypedField("rfc822;ana+offers@example.org"))
                .contains("ana+offers@example.org");
        assertThat(ReportedAddress.ofTypedField("ana@example.org")).contains("ana@example.org");
    }

    @Test
    void what_is_no_address_normalises_to_nothing() {
        assertThat(ReportedAddress.normalise(null)).isEmpty();
        assertThat(ReportedAddress.normalise("")).isEmpty();
        assertThat(ReportedAddress.normalise("ana")).isEmpty();
        assertThat(ReportedAddress.normalise("@example.org")).isEmpty();
        assertThat(ReportedAddress.normalise("ana@")).isEmpty();
        assertThat(ReportedAddress.normalise("ana@localhost")).isEmpty();
        assertThat(ReportedAddress.normalise("a na@example.org")).isEmpty();
        assertThat(ReportedAddress.normalise("ana@exa mple.org")).isEmpty();
        assertThat(ReportedAddress.ofTypedField("rfc822;")).isEmpty();
    }

    @Test
    void our_message_ids_name_the_outbox_message_and_others_name_nothing() {
        var id = UUID.fromString("0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b");

        assertThat(OutboxMessageId.in("<0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b@shop.example>"))
                .contains(id);
        assertThat(OutboxMessageId.in("  <0199B6C1-2D3E-7F40-8A1B-2C3D4E5F6A7B@shop.example> (comment)"))
                .contains(id);
        assertThat(OutboxMessageId.in("0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b@shop.example"))
                .contains(id);
        assertThat(OutboxMessageId.in("<CAF=xK7q9s0Y@mail.gmail.com>")).isEmpty();
        assertThat(OutboxMessageId.in("<0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b>")).isEmpty();
        assertThat(OutboxMessageId.in("<1-2-3-4-5@shop.example>")).isEmpty();
        assertThat(OutboxMessageId.in(null)).isEmpty();
    }
}
