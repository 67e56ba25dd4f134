package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 95 % Student-t interval of a speed, how it prints, and when two figures tie. */
class SpeedTest {
    @Test
    void theIntervalIsStudentsTAt95PercentOverTheSamples() {
        Speed s = Speed.of(90, 100, 110); // mean 100, s = 10, n = 3: t(0.975, 2) = 4.303
        assertThat(s.mean()).isEqualTo(100.0);
        assertThat(s.samples()).isEqualTo(3);
        assertThat(s.halfWidth()).isCloseTo(4.303 * 10 / Math.sqrt(3), within(0.01));
        assertThat(Speed.t(9)).isCloseTo(2.262, within(0.001));
        assertThat(Speed.ofStatistics(100, 10, 3).halfWidth()).isCloseTo(s.halfWidth(), within(1e-9));
    }

    @Test
    void aNarrowIntervalPrintsAsPlusMinusAWideOneAsImpreciseWithItsReason() {
        assertThat(Speed.of(99, 100, 101).text()).isEqualTo("100.0 ± 2.5");
        // the README's old "212.8 ± 1545.7": never printed that way again
        assertThat(new Speed(212.8, 1545.7, 3).text()).isEqualTo("~213 (imprecise: ±726 % from 3 samples)");
        assertThat(new Speed(212.8, 1545.7, 3).precise()).isFalse();
        assertThat(Speed.of(50).text()).isEqualTo("50.0 (1 sample: no interval)");
        assertThat(Speed.of().text()).isEqualTo("n/a");
        assertThat(Speed.of(Double.NaN, Double.NaN).known()).isFalse(); // NaN samples are not samples
    }

    @Test
    void aDifferenceInsideTheIntervalsIsATie() {
        Speed a = new Speed(100, 10, 5);
        Speed b = new Speed(115, 10, 5); // intervals [90, 110] and [105, 125] overlap
        Speed c = new Speed(130, 10, 5); // [120, 140] lies wholly above a's
        assertThat(a.tiesWith(b)).isTrue();
        assertThat(b.beats(a)).isFalse();
        assertThat(c.beats(a)).isTrue();
        assertThat(a.beats(c)).isFalse();
        assertThat(a.tiesWith(c)).isFalse();
        assertThat(Speed.of(500).tiesWith(a)).isTrue(); // no interval: it cannot be ranked
        assertThat(a.contains(105)).isTrue();
        assertThat(a.contains(111)).isFalse();
    }
}
