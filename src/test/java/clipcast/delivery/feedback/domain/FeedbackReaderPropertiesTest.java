package clipcast.delivery.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.feedback.Reports;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever is posted to the hook, reading it ends in a report, an ignore or an unreadable: never in an exception. */
class FeedbackReaderPropertiesTest {

    static final Map<String, String> VALUES = Map.of(
            "sender",
            "offers@shop.example",
            "recipient",
            "ana@example.org",
            "messageId",
            "<0199b6c1-2d3e-7f40-8a1b-2c3d4e5f6a7b@shop.example>",
            "feedbackType",
            "abuse");
    static final String[] REPORTS = {
        "postfix-user-unknown.eml",
        "postfix-delayed.eml",
        "exchange-online-mailbox-full.eml",
        "exim-failed-without-original.eml",
        "yahoo-abuse-report.eml",
        "arf-abuse-headers-only.eml"
    };

    @Property(tries = 300)
    void any_bytes_are_read_without_an_exception(@ForAll @Size(max = 2000) byte[] raw) {
        assertThat(ReportReader.read(raw)).isNotNull();
    }

    @Property(tries = 300)
    void real_reports_cut_short_or_with_bytes_changed_are_read_without_an_exception(
            @ForAll("reports") byte[] report, @ForAll("cuts") int cut, @ForAll("flips") int[] flips) {
        var damaged = Arrays.copyOf(report, Math.min(report.length, Math.max(1, report.length - cut)));
        for (int i = 0; i + 1 < flips.length; i += 2) {
            damaged[Math.floorMod(flips[i], damaged.length)] = (byte) flips[i + 1];
        }

        assertThat(ReportReader.read(damaged)).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> reports() {
        return Arbitraries.of(REPORTS).map(name -> Reports.bytes(name, VALUES));
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 4000);
    }

    @Provide
    Arbitrary<int[]> flips() {
        return Arbitraries.integers().array(int[].class).ofMaxSize(20);
    }
}
