package clipcast.compliance.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When marketing messages may reach a recipient, in the recipient's local time, by country and channel: a data
 * table of sending windows per day (weekdays, Sundays, public holidays) and a table of public holidays (fixed
 * dates and days counted from Easter). A country without rows of its own gets the {@code *} rows.
 */
public final class QuietHours {

    /** A sending window on some days: from (inclusive) until (exclusive); none means no sending at all that day. */
    record Window(
            String country, String channel, Set<DayOfWeek> days, boolean holidays, LocalTime from, LocalTime until) {
        boolean closed() {
            return from == null;
        }
    }

    /** A public holiday: a fixed date, or a number of days after Easter Sunday. */
    record Holiday(String country, MonthDay fixed, int daysAfterEaster) {
        boolean falls(LocalDate date) {
            return fixed != null
                    ? MonthDay.from(date).equals(fixed)
                    : easter(date.getYear()).plusDays(daysAfterEaster).equals(date);
        }
    }

    private final List<Window> windows;
    private final List<Holiday> holidays;

    private QuietHours(List<Window> windows, List<Holiday> holidays) {
        this.windows = List.copyOf(windows);
        this.holidays = List.copyOf(holidays);
    }

    /**
     * Reads the tables. Windows: {@code country channel days from-until} with days such as {@code MON-SAT},
     * {@code SUN}, {@code HOLIDAY}, and {@code none} for a closed day. Holidays: {@code country MM-DD} or
     * {@code country easter+N}.
     */
    public static QuietHours load(Reader windowTable, Reader holidayTable) {
        var windows = new ArrayList<Window>();
        int number = 0;
        for (var line : rows(windowTable)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var columns = line.strip().split("\\s+");
            if (columns.length != 4) {
                throw new IllegalArgumentException("Quiet-hours line " + number + " needs 4 columns: " + line);
            }
            boolean holiday = columns[2].equals("HOLIDAY");
            var days = holiday ? EnumSet.noneOf(DayOfWeek.class) : days(columns[2], number);
            LocalTime from = null;
            LocalTime until = null;
            if (!columns[3].equals("none")) {
                var range = columns[3].split("-");
                from = LocalTime.parse(range[0]);
                until = range[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(range[1]);
            }
            windows.add(new Window(columns[0], columns[1], days, holiday, from, until));
        }
        var holidays = new ArrayList<Holiday>();
        for (var line : rows(holidayTable)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var columns = line.strip().split("\\s+");
            if (columns[1].startsWith("easter+")) {
                holidays.add(new Holiday(columns[0], null, Integer.parseInt(columns[1].substring(7))));
            } else {
                holidays.add(new Holiday(columns[0], MonthDay.parse("--" + columns[1]), 0));
            }
        }
        return new QuietHours(windows, holidays);
    }

    /** Allowed now, or deferred until the next window opens (within two weeks; after that the table is broken). */
    public Decision decide(String country, String channel, ZoneId zone, Instant now) {
        var local = now.atZone(zone);
        for (int day = 0; day < 14; day++) {
            var date = local.toLocalDate().plusDays(day);
            var window = windowOn(country, channel, date);
            if (window.isEmpty() || window.get().closed()) {
                continue;
            }
            var opens = ZonedDateTime.of(date, window.get().from(), zone);
            var closes = window.get().until().equals(LocalTime.MAX)
                    ? ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone)
                    : ZonedDateTime.of(date, window.get().until(), zone);
            if (!local.isBefore(opens) && local.isBefore(closes)) {
                return Decision.allow();
            }
            if (local.isBefore(opens)) {
                return new Decision.Defer(opens.toInstant(), ReasonCode.QUIET_HOURS);
            }
        }
        throw new IllegalStateException("No sending window within two weeks for " + country + "/" + channel);
    }

    public boolean isHoliday(String country, LocalDate date) {
        return holidays.stream().anyMatch(holiday -> holiday.country().equals(country) && holiday.falls(date));
    }

    private Optional<Window> windowOn(String country, String channel, LocalDate date) {
        var upper = country == null ? "*" : country.toUpperCase(Locale.ROOT);
        var own = windows.stream()
                .filter(w -> w.country().equals(upper) && matchesChannel(w, channel))
                .toList();
        var rules = own.isEmpty()
                ? windows.stream()
                        .filter(w -> w.country().equals("*") && matchesChannel(w, channel))
                        .toList()
                : own;
        if (isHoliday(upper, date)) {
            var onHoliday = rules.stream().filter(Window::holidays).findFirst();
            if (onHoliday.isPresent()) {
                return onHoliday;
            }
        }
        return rules.stream()
                .filter(w -> w.days().contains(date.getDayOfWeek()))
                .findFirst();
    }

    private static boolean matchesChannel(Window window, String channel) {
        return window.channel().equals("*") || window.channel().equalsIgnoreCase(channel);
    }

    private static Set<DayOfWeek> days(String spec, int line) {
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var part : spec.split(",")) {
            var range = part.split("-");
            var first = day(range[0], line);
            var last = range.length > 1 ? day(range[1], line) : first;
            for (var d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation, int line) {
        for (var day : DayOfWeek.values()) {
            if (day.name().startsWith(abbreviation.toUpperCase(Locale.ROOT))) {
                return day;
            }
        }
        throw new IllegalArgumentException("Quiet-hours line " + line + ": not a day: " + abbreviation);
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static List<String> rows(Reader reader) {
        try (var buffered = new BufferedReader(reader)) {
            return buffered.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
