package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationMetricsTest {
    private static IterationMetrics.Snapshot load(long nanos, double physical, double disk) {
        return new IterationMetrics.Snapshot(
                32_000_000L,
                nanos,
                Map.of(
                        StorageMetric.INGEST,
                        32.0 / (nanos / 1e9),
                        StorageMetric.EDR,
                        32e6 / physical,
                        StorageMetric.PHYSICAL_DELTA,
                        physical,
                        StorageMetric.DISK_DELTA,
                        disk));
    }

    @Test
    void aSampleOfSeveralLoadsIsTheirBytesOverTheirTimeNotTheMeanOfTheirSpeeds() {
        IterationMetrics.Snapshot s =
                IterationMetrics.combine(List.of(load(100_000_000L, 16e6, 1e6), load(300_000_000L, 48e6, 3e6)));

        assertThat(s.figures().get(StorageMetric.INGEST))
                .as("64 MB in 0.4 s, where the mean of 320 and 106.7 MB/s would say 213")
                .isCloseTo(160.0, within(1e-9));
        assertThat(s.figures().get(StorageMetric.EDR))
                .as("Σlogical / Σphysical")
                .isCloseTo(1.0, within(1e-9));
        assertThat(s.figures().get(StorageMetric.PHYSICAL_DELTA)).isCloseTo(32e6, within(1e-6));
        assertThat(s.figures().get(StorageMetric.DISK_DELTA)).isCloseTo(2e6, within(1e-6));
    }

    @Test
    void anUnmeasuredFootprintStaysNaNAndAFigureNoLoadHadStaysOut() {
        IterationMetrics.Snapshot s = IterationMetrics.combine(
                List.of(load(100_000_000L, Double.NaN, 1e6), load(100_000_000L, Double.NaN, 1e6)));

        assertThat(s.figures().get(StorageMetric.EDR)).isNaN();
        assertThat(s.figures()).doesNotContainKey(StorageMetric.RESTORE);
    }

    @Test
    void takeCombinesWhatWasPublishedSinceTheLastTakeAndThenStartsAgain() {
        IterationMetrics.take();
        IterationMetrics.publish(load(100_000_000L, 16e6, 1e6));
        IterationMetrics.publish(load(100_000_000L, 16e6, 1e6));

        assertThat(IterationMetrics.take().bytes()).isEqualTo(64_000_000L);
        assertThat(IterationMetrics.take()).isNull();
    }
}
