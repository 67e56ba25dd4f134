package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static final long MB32 = 32_000_000L;

    /** A load of 32 MB at {@code mbps}. */
    private static void load(WarmUp w, double mbps) {
        w.add(MB32, (long) (MB32 / 1e6 / mbps * 1e9));
    }

    @Test
    void stopsWhenTwoLoadsInARowAgree() {
        WarmUp w = new WarmUp(0.15, 1, 5, 60);
        load(w, 30);
        assertThat(w.done()).isFalse();
        load(w, 90);
        assertThat(w.done()).as("90 after 30 is still warming").isFalse();
        load(w, 100);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("agreed");
        assertThat(w.loads()).isEqualTo(3);
    }

    @Test
    void aSystemThatNeverSettlesStopsAtTheLoadLimit() {
        WarmUp w = new WarmUp(0.15, 1, 3, 60);
        load(w, 10);
        load(w, 20);
        assertThat(w.done()).isFalse();
        load(w, 40);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("max loads");
    }

    @Test
    void aSlowSystemStopsAtTheTimeLimitButNotBeforeTheMinimumLoads() {
        WarmUp w = new WarmUp(0.15, 2, 5, 3);
        load(w, 8); // 4 s: over the time limit, below the minimum
        assertThat(w.done()).isFalse();
        load(w, 16);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("max seconds");
    }

    @Test
    void zeroLoadsTurnsItOff() {
        WarmUp w = new WarmUp(0.15, 1, 0, 3);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("off");
    }
}
