package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    final QuietHours quietHours = QuietHours.load(
            Screenings.resource("/compliance/quiet-hours.tsv"), Screenings.resource("/compliance/public-holidays.tsv"));

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void a_us_sms_at_ten_in_the_evening_waits_for_eight_the_next_morning() {
        var decision = quietHours.decide("US", "SMS", NEW_YORK, at("2026-06-10T22:00", NEW_YORK));

        assertThat(decision).isEqualTo(new Decision.Defer(at("2026-06-11T08:00", NEW_YORK), ReasonCode.QUIET_HOURS));
    }

    @Test
    void a_us_sms_inside_the_window_goes_now_and_the_window_ends_at_nine() {
        assertThat(quietHours.decide("US", "SMS", NEW_YORK, at("2026-06-10T08:00", NEW_YORK)))
                .isInstanceOf(Decision.Allow.class);
        assertThat(quietHours.decide("US", "SMS", NEW_YORK, at("2026-06-10T20:59", NEW_YORK)))
                .isInstanceOf(Decision.Allow.class);
        assertThat(quietHours.decide("US", "SMS", NEW_YORK, at("2026-06-10T21:00", NEW_YORK)))
                .isInstanceOf(Decision.Defer.class);
    }

    @Test
    void a_french_sms_on_saturday_evening_waits_until_monday_morning() {
        var decision = quietHours.decide("FR", "SMS", PARIS, at("2026-06-13T20:00", PARIS));

        assertThat(decision).isEqualTo(new Decision.Defer(at("2026-06-15T08:00", PARIS), ReasonCode.QUIET_HOURS));
    }

    @Test
    void a_french_sms_skips_a_public_holiday_such_as_easter_monday() {
        // Easter 2027 is 28 March, so Easter Monday is 29 March.
        var decision = quietHours.decide("FR", "SMS", PARIS, at("2027-03-27T21:00", PARIS));

        assertThat(decision).isEqualTo(new Decision.Defer(at("2027-03-30T08:00", PARIS), ReasonCode.QUIET_HOURS));
        assertThat(quietHours.decide("FR", "SMS", PARIS, at("2026-07-14T11:00", PARIS)))
                .as("Bastille Day")
                .isInstanceOf(Decision.Defer.class);
    }

    @Test
    void email_has_no_quiet_hours() {
        assertThat(quietHours.decide("FR", "EMAIL", PARIS, at("2026-06-14T03:00", PARIS)))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_country_without_rules_gets_the_default_window() {
        var tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(quietHours.decide("JP", "SMS", tokyo, at("2026-06-10T07:59", tokyo)))
                .isEqualTo(new Decision.Defer(at("2026-06-10T08:00", tokyo), ReasonCode.QUIET_HOURS));
        assertThat(quietHours.decide(null, "SMS", tokyo, at("2026-06-10T12:00", tokyo)))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void easter_and_the_holidays_counted_from_it_fall_on_the_right_days() {
        assertThat(QuietHours.easter(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(QuietHours.easter(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(quietHours.isHoliday("FR", LocalDate.of(2026, 5, 14)))
                .as("Ascension 2026")
                .isTrue();
        assertThat(quietHours.isHoliday("FR", LocalDate.of(2026, 5, 25)))
                .as("Whit Monday 2026")
                .isTrue();
        assertThat(quietHours.isHoliday("FR", LocalDate.of(2026, 5, 26))).isFalse();
    }
}
