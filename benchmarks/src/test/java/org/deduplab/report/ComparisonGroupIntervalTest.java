package org.deduplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/** compare's per-system speed line: a bound thousands of percent away is printed as imprecise, never as a number. */
class ComparisonGroupIntervalTest {
    /** Systems of the registry, as labels: which ones does not matter here. */
    static final String SYS = Systems.names().get(0);

    static final String OTHER = Systems.names().get(1);

    @Test
    void aNarrowBoundIsPrinted() {
        Comparison.Group g = new Comparison.Group(SYS, "bulk", 15, -0.081, 0.033, false);
        assertThat(Comparison.groupInterval(g)).isEqualTo("99% interval up to +3.3%");
    }

    @Test
    void aBoundFromTwoBenchmarksFarAwayIsImprecise() {
        Comparison.Group g = new Comparison.Group(SYS, "bulk", 2, 0.551, 2867892925.978, false);
        assertThat(Comparison.groupInterval(g))
                .isEqualTo("imprecise: no useful 99% interval from 2 benchmarks")
                .doesNotContain("2867892925");
    }

    @Test
    void noBoundSaysSo() {
        Comparison.Group g = new Comparison.Group(OTHER, "perFile", 1, 0.1, Double.NaN, false);
        assertThat(Comparison.groupInterval(g)).isEqualTo("99% interval: n/a");
    }
}
