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
    void stopsWhenTwoWindowsInARowAgree() {
        WarmUp w = new WarmUp(0.10, 100, 60, 0.5); // 32 MB at 32 MB/s: a 1 s load is a window of its own
        load(w, 30);
        assertThat(w.done()).isFalse();
        load(w, 32);
        assertThat(w.done()).as("two single-load windows within 10 %").isTrue();
        assertThat(w.why()).isEqualTo("agreed");
        assertThat(w.loads()).isEqualTo(2);
    }

    @Test
    void shortLoadsAreComparedAsWindowsNotOneByOne() {
        WarmUp w = new WarmUp(0.10, 100, 60, 0.5); // at 320 MB/s a 32 MB load takes 0.1 s
        for (int i = 0; i < 3; i++) {
            load(w, 160); // 0.6 s: the first window
        }
        load(w, 320);
        load(w, 320);
        assertThat(w.done())
                .as("two fast loads in a row agree, but the window is not full")
                .isFalse();
        for (int i = 0; i < 3; i++) {
            load(w, 320);
        }
        assertThat(w.done())
                .as("the second window is twice the first: still warming")
                .isFalse();
        for (int i = 0; i < 6; i++) {
            load(w, 330); // 0.58 s: the third window
        }
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("agreed");
        assertThat(w.loads()).isEqualTo(14);
    }

    @Test
    void aSystemThatNeverSettlesStopsAtTheLoadLimit() {
        WarmUp w = new WarmUp(0.10, 3, 60, 0.5);
        load(w, 10);
        load(w, 20);
        assertThat(w.done()).isFalse();
        load(w, 40);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("max loads");
    }

    @Test
    void aSlowSystemStopsAtTheTimeLimit() {
        WarmUp w = new WarmUp(0.10, 100, 3, 0.5);
        load(w, 16); // 2 s
        assertThat(w.done()).isFalse();
        load(w, 8); // 4 s more: over the limit
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("max seconds");
    }

    @Test
    void zeroLoadsTurnsItOff() {
        WarmUp w = new WarmUp(0.10, 0, 3, 0.5);
        assertThat(w.done()).isTrue();
        assertThat(w.why()).isEqualTo("off");
    }
}
