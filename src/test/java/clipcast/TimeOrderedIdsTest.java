package clipcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void ids_are_version_7_and_ordered_by_time() {
        var earlier = TimeOrderedIds.next(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        var later = TimeOrderedIds.next(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.compareTo(later)).isNegative();
        assertThat(earlier.getMostSignificantBits() >>> 16)
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }
}
