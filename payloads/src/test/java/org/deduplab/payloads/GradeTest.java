package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GradeTest {
    @Test
    void everyPrefixHoldsExactlyTheRoundedShareOfCopies() {
        for (int p = 0; p <= 99; p++) {
            Grade g = new Grade(p);
            long dups = 0;
            for (long n = 1; n <= 2000; n++) {
                if (g.isDuplicate(n - 1)) {
                    dups++;
                }
                long expected = Math.min(n - 1, Math.round(p * n / 100.0 + 1e-9));
                assertThat(dups).as("U%d, %d files", p, n).isEqualTo(expected);
            }
        }
    }

    @Test
    void firstFileIsNeverACopy() {
        assertThat(new Grade(99).isDuplicate(0)).isFalse();
    }

    @Test
    void parsesAndRejects() {
        assertThat(Grade.parse("U50").percent()).isEqualTo(50);
        assertThat(Grade.parse("u0").percent()).isZero();
        for (String bad : new String[] {"U100", "50", "U-1", "X5", "", "U5x"}) {
            assertThatThrownBy(() -> Grade.parse(bad))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("U0..U99");
        }
    }
}
