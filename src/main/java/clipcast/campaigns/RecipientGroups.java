package clipcast.campaigns;

import clipcast.compliance.domain.AgePolicy;
import clipcast.compliance.domain.Decision;
import clipcast.compliance.domain.QuietHours;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The two per-recipient rules that need code rather than SQL — the recipient's local date (for the
 * {@link AgePolicy}) and the quiet hours — depend only on the recipient's country and time zone, and an audience of
 * millions has a handful of those. So they are decided here once per distinct (country, time zone) and handed to
 * the audience SQL as arrays that it joins like a table.
 *
 * <p>A group is keyed by the contact's columns with {@code null} written as the empty string, so that SQL can join
 * it by plain equality (hash join); both mean the same to the rules (no country: the default windows; no or an
 * unknown time zone: UTC).
 */
final class RecipientGroups {

    /**
     * One (country, time zone) and what the rules decided for it.
     *
     * @param adultBornBy a birth date after this one is under {@link AgePolicy#MINIMUM_AGE} in the group's local date
     * @param quietUntil when the group's sending window opens, or {@code null} when it is open now
     */
    record Group(String country, String timeZone, LocalDate adultBornBy, Instant quietUntil) {}

    /** A (country, time zone) as stored, {@code null} as {@code ""}. */
    record Key(String country, String timeZone) {}

    private final List<Group> groups;

    private RecipientGroups(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    static RecipientGroups decide(Collection<Key> keys, String channel, Instant now, QuietHours quietHours) {
        return new RecipientGroups(
                keys.stream().map(key -> group(key, channel, now, quietHours)).toList());
    }

    static Group group(Key key, String channel, Instant now, QuietHours quietHours) {
        var country = key.country().isEmpty() ? null : key.country();
        var zone = AudienceEvaluation.zone(key.timeZone().isEmpty() ? null : key.timeZone());
        var today = now.atZone(zone).toLocalDate();
        // Period.between(birth, today).getYears() < MINIMUM_AGE exactly when birth > today - MINIMUM_AGE years
        // (RecipientGroupsTest checks it against the policy, leap days included).
        var adultBornBy = today.minusYears(AgePolicy.MINIMUM_AGE);
        var quiet = quietHours.decide(country, channel, zone, now);
        var quietUntil = quiet instanceof Decision.Defer(var until, var reason) ? until : null;
        return new Group(key.country(), key.timeZone(), adultBornBy, quietUntil);
    }

    List<Group> groups() {
        return groups;
    }

    String[] countries() {
        return groups.stream().map(Group::country).toArray(String[]::new);
    }

    String[] timeZones() {
        return groups.stream().map(Group::timeZone).toArray(String[]::new);
    }

    /** ISO dates, for {@code CAST(... AS date[])}: no JDBC time-zone conversion on the way. */
    String[] adultBornBy() {
        return groups.stream().map(g -> g.adultBornBy().toString()).toArray(String[]::new);
    }

    /** ISO instants (UTC), for {@code CAST(... AS timestamptz[])}. */
    String[] quietUntil() {
        return groups.stream()
                .map(g -> g.quietUntil() == null ? null : g.quietUntil().toString())
                .toArray(String[]::new);
    }
}
