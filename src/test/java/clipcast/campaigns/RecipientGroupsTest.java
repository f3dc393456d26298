package clipcast.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.compliance.domain.AgePolicy;
import clipcast.compliance.domain.ContentFingerprint;
import clipcast.compliance.domain.Decision;
import clipcast.compliance.domain.QuietHours;
import clipcast.compliance.domain.Recipient;
import clipcast.compliance.domain.Sending;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the audience SQL is handed per (country, time zone) decides like the policies would per recipient. */
class RecipientGroupsTest {

    private static final QuietHours QUIET_HOURS =
            QuietHours.load(table("compliance/quiet-hours.tsv"), table("compliance/public-holidays.tsv"));

    @Test
    void a_birth_date_after_the_groups_threshold_is_exactly_what_the_age_policy_calls_underage() {
        var policy = new AgePolicy();
        var zones = List.of("Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Paris", "", "Not/AZone");
        // Around leap days and year ends, at both ends of the day in UTC.
        var instants = List.of(
                Instant.parse("2024-02-28T23:30:00Z"),
                Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("2024-03-01T00:30:00Z"),
                Instant.parse("2025-02-28T11:00:00Z"),
                Instant.parse("2025-03-01T13:00:00Z"),
                Instant.parse("2026-12-31T23:59:00Z"),
                Instant.parse("2027-01-01T00:01:00Z"));
        for (var zoneName : zones) {
            for (var now : instants) {
                var group = RecipientGroups.group(new RecipientGroups.Key("FR", zoneName), "EMAIL", now, QUIET_HOURS);
                var today = now.atZone(ZoneOffset.UTC).toLocalDate();
                for (var birth = today.minusYears(16).minusDays(3);
                        birth.isBefore(today.minusYears(16).plusDays(3));
                        birth = birth.plusDays(1)) {
                    var underage = policy.decide(recipient(birth, zoneName), sending(now)) instanceof Decision.Block;
                    assertThat(birth.isAfter(group.adultBornBy()))
                            .as("born %s, %s in %s", birth, now, zoneName)
                            .isEqualTo(underage);
                }
            }
        }
    }

    @Test
    void a_group_in_its_quiet_hours_is_deferred_until_its_window_opens_and_an_open_one_is_not() {
        // Sunday 22 November 2026, 14:00 in Paris: French SMS marketing waits for Monday 08:00.
        var sunday = Instant.parse("2026-11-22T13:00:00Z");

        var france = RecipientGroups.group(new RecipientGroups.Key("FR", "Europe/Paris"), "SMS", sunday, QUIET_HOURS);
        var nowhere = RecipientGroups.group(new RecipientGroups.Key("", ""), "SMS", sunday, QUIET_HOURS);

        assertThat(france.quietUntil()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(nowhere.quietUntil()).as("the default window, in UTC").isNull();
        assertThat(france.country()).isEqualTo("FR");
        assertThat(nowhere.country()).as("keys stay as SQL joins them").isEmpty();
    }

    private static Recipient recipient(LocalDate birth, String zone) {
        return new Recipient(
                "EMAIL",
                Recipient.ConsentState.GRANTED,
                false,
                false,
                false,
                false,
                true,
                birth,
                "FR",
                AudienceEvaluation.zone(zone.isEmpty() ? null : zone));
    }

    private static Sending sending(Instant now) {
        return new Sending(now, false, 1, new ContentFingerprint(1, 1), List.of(), 0, 10);
    }

    private static InputStreamReader table(String path) {
        return new InputStreamReader(
                RecipientGroupsTest.class.getClassLoader().getResourceAsStream(path), StandardCharsets.UTF_8);
    }
}
