package org.deduplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.Speed;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/** The front over EDR, ingest and restore MB/s: who beats whom, and how restore figures are joined to inserts. */
class TradeOffsTest {
    /** Systems of the registry, as labels: which ones does not matter here. */
    static final String SYS = Systems.names().get(0);

    static final String OTHER = Systems.names().get(1);

    static BenchmarkCoordinates at(String system, String layout, String method) {
        return BenchmarkCoordinates.of(
                        "org.deduplab.bench.VersionedDoc." + method,
                        Map.of(
                                BenchmarkCoordinates.SYSTEM,
                                system,
                                BenchmarkCoordinates.GRADE,
                                "U0",
                                BenchmarkCoordinates.DATASET_MIB,
                                "32",
                                BenchmarkCoordinates.LAYOUT,
                                layout))
                .orElseThrow();
    }

    /** A speed known to within 0.1 %: its intervals never overlap another's at these test figures. */
    static Speed exact(double mbps) {
        return Double.isNaN(mbps) ? Speed.UNKNOWN : new Speed(mbps, mbps * 0.001, 5);
    }

    static Speed within(double mbps, double halfWidth) {
        return new Speed(mbps, halfWidth, 5);
    }

    @Test
    void aLeadInsideTheIntervalsIsATieAndBothStayOnTheFront() {
        // the committed restore example's case: same EDR, cas read 308.8 against plain's 254.3 MB/s, from
        // samples [368, 350, 208] and [298, 175, 290]; ingest alike
        Speed casRestore = Speed.of(368, 350, 208);
        Speed plainRestore = Speed.of(298, 175, 290);
        TradeOffs.Choice plain = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.55, within(100, 10), plainRestore);
        TradeOffs.Choice cas = TradeOffs.choice(at(SYS, "cas", "bulk"), 2.55, within(101, 10), casRestore);

        TradeOffs.Group g = TradeOffs.groups(List.of(plain, cas)).get(0);

        assertThat(g.front()).containsExactlyInAnyOrder(plain, cas);
        assertThat(g.dominated()).isEmpty();
        assertThat(g.tiedWith(plain)).containsExactly(cas); // cas leads on both means, inside the intervals
        assertThat(g.tiedWith(cas)).isEmpty();
    }

    @Test
    void aConfigurationBetterBeyondTheIntervalsOnOneFigureAndTiedOnTheOthersBeatsIt() {
        TradeOffs.Choice fast = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.55, within(200, 10), within(300, 80));
        TradeOffs.Choice slow = TradeOffs.choice(at(SYS, "cas", "bulk"), 2.55, within(100, 10), within(330, 80));

        TradeOffs.Group g = TradeOffs.groups(List.of(slow, fast)).get(0);

        assertThat(g.front()).containsExactly(fast); // slow's faster restore is inside the intervals
        assertThat(g.dominated()).containsExactly(slow);
    }

    @Test
    void worseBeyondTheIntervalsOnAnyFigureIsNeverBeaten() {
        TradeOffs.Choice ingest = TradeOffs.choice(at(OTHER, "plain", "bulk"), 2.55, within(300, 10), within(100, 5));
        TradeOffs.Choice restore = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.55, within(100, 10), within(300, 5));
        TradeOffs.Choice smaller = TradeOffs.choice(at(SYS, "cdc", "bulk"), 2.56, within(10, 1), within(10, 1));

        TradeOffs.Group g = TradeOffs.groups(List.of(ingest, restore, smaller)).get(0);

        assertThat(g.front()).containsExactlyInAnyOrder(ingest, restore, smaller); // EDR is exact: 2.56 > 2.55
        assertThat(g.dominated()).isEmpty();
    }

    @Test
    void aFigureWithoutAnIntervalNeitherBeatsNorIsBeatenOnSpeed() {
        TradeOffs.Choice oneLoad = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.55, Speed.of(500), exact(10));
        TradeOffs.Choice measured = TradeOffs.choice(at(OTHER, "plain", "bulk"), 2.55, within(100, 5), exact(10));

        TradeOffs.Group g = TradeOffs.groups(List.of(oneLoad, measured)).get(0);

        assertThat(g.front()).containsExactlyInAnyOrder(oneLoad, measured);
        assertThat(g.tiedWith(measured)).containsExactly(oneLoad);
    }

    @Test
    void aConfigurationBeatenOnEveryFigureIsDominatedAndTheRestFormTheFront() {
        TradeOffs.Choice smallSlowRestore = TradeOffs.choice(at(SYS, "cdc", "bulk"), 10, exact(90), exact(50));
        TradeOffs.Choice fastRestore = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.5, exact(100), exact(400));
        TradeOffs.Choice beaten = TradeOffs.choice(at(SYS, "cas", "bulk"), 2.4, exact(80), exact(300));
        TradeOffs.Choice fastIngest = TradeOffs.choice(at(OTHER, "plain", "bulk"), 0.9, exact(200), exact(150));

        TradeOffs.Group g = TradeOffs.groups(List.of(beaten, fastIngest, smallSlowRestore, fastRestore))
                .get(0);

        assertThat(g.withRestore()).isTrue();
        assertThat(g.front()).containsExactly(smallSlowRestore, fastRestore, fastIngest); // highest EDR first
        assertThat(g.dominated()).containsExactly(beaten);
    }

    @Test
    void withoutARestoreForEveryConfigurationTheFrontIsOverEdrAndIngestAlone() {
        TradeOffs.Choice a = TradeOffs.choice(at(SYS, "plain", "bulk"), 2.5, exact(100), exact(900));
        TradeOffs.Choice b = TradeOffs.choice(at(OTHER, "plain", "bulk"), 3.0, exact(120), exact(Double.NaN));

        TradeOffs.Group g = TradeOffs.groups(List.of(a, b)).get(0);

        assertThat(g.withRestore()).isFalse();
        assertThat(g.front()).containsExactly(b); // a's fast restore does not count: b has none to compare with
        assertThat(g.dominated()).containsExactly(a);
    }

    @Test
    void theSummaryJoinsEachInsertToTheRestoreOfItsPathAndPrintsTheFront() {
        List<SummaryTable.Row> inserts = List.of(
                new SummaryTable.Row(at(SYS, "cdc", "bulk"), 10, 33, 3.3, 10, 12, new Speed(90, 5, 5)),
                new SummaryTable.Row(at(SYS, "plain", "bulk"), 10, 33, 13, 2.5, 12, new Speed(100, 5, 5)),
                new SummaryTable.Row(at(SYS, "plain", "perFile"), 10, 33, 13, 2.5, 12, new Speed(30, 5, 5)));
        List<SummaryTable.RestoreRow> restores = List.of(
                new SummaryTable.RestoreRow(at(SYS, "cdc", "restoreBulk"), 10, 33, new Speed(50, 5, 5), 37, 0.1, 0, 0),
                new SummaryTable.RestoreRow(
                        at(SYS, "plain", "restoreBulk"), 10, 33, new Speed(400, 5, 5), 1, 0.1, 0, 0),
                new SummaryTable.RestoreRow(
                        at(SYS, "plain", "restorePerFile"), 10, 33, new Speed(200, 5, 5), 1, 1, 1, 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SummaryTable.printFront(inserts, restores, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("CONFIGURATIONS WORTH CHOOSING")
                .contains("versioned_doc U0 32MiB (2 of 3)")
                .containsPattern(SYS + " · cdc · bulk +EDR +10.00 +ingest 90.0 ± 5.0 MB/s +restore 50.0 ± 5.0 MB/s")
                .containsPattern(SYS + " · plain · bulk +EDR +2.50 +ingest 100.0 ± 5.0 MB/s +restore 400.0 ± 5.0 MB/s")
                .doesNotContain("perFile"); // same EDR, slower ingest and restore than plain · bulk
    }
}
