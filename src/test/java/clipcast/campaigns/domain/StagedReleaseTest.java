package clipcast.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StagedReleaseTest {

    static final StagedRelease.Rules RULES =
            new StagedRelease.Rules(10, 1000, 10_000, Duration.ofDays(30), Duration.ofHours(6), 0.003, 0.05, 0.02);

    static StagedRelease.Facts facts(String choice, Duration age, boolean sentBefore, long imported, long eligible) {
        return new StagedRelease.Facts(choice, age, sentBefore, imported, eligible, false);
    }

    @Test
    void risky_sends_are_staged_for_each_of_their_reasons() {
        var old = Duration.ofDays(400);
        assertThat(StagedRelease.reasons(RULES, facts("AUTO", old, true, 0, 500)))
                .isEmpty();
        assertThat(StagedRelease.reasons(RULES, facts("AUTO", Duration.ofDays(2), true, 0, 500)))
                .containsExactly(StagedRelease.Reason.NEW_ACCOUNT);
        assertThat(StagedRelease.reasons(RULES, facts("AUTO", old, false, 0, 500)))
                .containsExactly(StagedRelease.Reason.NEW_ACCOUNT);
        assertThat(StagedRelease.reasons(RULES, facts("AUTO", old, true, 3, 500)))
                .containsExactly(StagedRelease.Reason.FIRST_SEND_TO_IMPORTED_CONTACTS);
        assertThat(StagedRelease.reasons(RULES, facts("AUTO", old, true, 0, 10_000)))
                .containsExactly(StagedRelease.Reason.LARGE_AUDIENCE);
        assertThat(StagedRelease.reasons(RULES, facts("ALWAYS", old, true, 0, 5)))
                .containsExactly(StagedRelease.Reason.OPERATOR_CHOICE);
        assertThat(StagedRelease.reasons(RULES, new StagedRelease.Facts("AUTO", old, true, 0, 5, true)))
                .containsExactly(StagedRelease.Reason.CONTENT_REVIEW);
        assertThat(StagedRelease.reasons(RULES, facts("NEVER", Duration.ZERO, false, 9, 1_000_000)))
                .isEmpty();
    }

    @Test
    void the_sample_is_ten_percent_rounded_up_at_most_a_thousand() {
        assertThat(StagedRelease.sampleSize(RULES, 0)).isZero();
        assertThat(StagedRelease.sampleSize(RULES, 1)).isEqualTo(1);
        assertThat(StagedRelease.sampleSize(RULES, 2)).isEqualTo(1);
        assertThat(StagedRelease.sampleSize(RULES, 101)).isEqualTo(11);
        assertThat(StagedRelease.sampleSize(RULES, 9_999)).isEqualTo(1000);
        assertThat(StagedRelease.sampleSize(RULES, 2_000_000)).isEqualTo(1000);
    }

    @Test
    void the_rest_is_released_under_the_thresholds_and_held_over_any_of_them() {
        assertThat(StagedRelease.judge(RULES, 1000, 3, 50, 20)).isInstanceOf(StagedRelease.Verdict.Release.class);
        assertThat(StagedRelease.judge(RULES, 1000, 4, 0, 0))
                .isEqualTo(new StagedRelease.Verdict.Hold("COMPLAINT_RATE"));
        assertThat(StagedRelease.judge(RULES, 1000, 0, 51, 0)).isEqualTo(new StagedRelease.Verdict.Hold("BOUNCE_RATE"));
        assertThat(StagedRelease.judge(RULES, 1000, 0, 0, 21))
                .isEqualTo(new StagedRelease.Verdict.Hold("UNSUBSCRIBE_RATE"));
        assertThat(StagedRelease.judge(RULES, 0, 0, 0, 0)).isInstanceOf(StagedRelease.Verdict.Release.class);
    }
}
