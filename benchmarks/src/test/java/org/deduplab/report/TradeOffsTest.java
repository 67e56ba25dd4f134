package org.deduplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.InsertCoordinates;
import org.junit.jupiter.api.Test;

/** The front over EDR, ingest and restore MB/s: who beats whom, and how restore figures are joined to inserts. */
class TradeOffsTest {
    static InsertCoordinates at(String system, String layout, String method) {
        return InsertCoordinates.of(
                        "org.deduplab.bench.VersionedDoc." + method,
                        Map.of(
                                InsertCoordinates.SYSTEM,
                                system,
                                InsertCoordinates.GRADE,
                                "U0",
                                InsertCoordinates.DATASET_MIB,
                                "32",
                                InsertCoordinates.LAYOUT,
                                layout))
                .orElseThrow();
    }

    @Test
    void aConfigurationBeatenOnEveryFigureIsDominatedAndTheRestFormTheFront() {
        TradeOffs.Choice smallSlowRestore = TradeOffs.choice(at("postgresql", "cdc", "bulk"), 10, 90, 50);
        TradeOffs.Choice fastRestore = TradeOffs.choice(at("postgresql", "plain", "bulk"), 2.5, 100, 400);
        TradeOffs.Choice beaten = TradeOffs.choice(at("postgresql", "cas", "bulk"), 2.4, 80, 300);
        TradeOffs.Choice fastIngest = TradeOffs.choice(at("redis", "plain", "bulk"), 0.9, 200, 150);

        TradeOffs.Group g = TradeOffs.groups(List.of(beaten, fastIngest, smallSlowRestore, fastRestore))
                .get(0);

        assertThat(g.withRestore()).isTrue();
        assertThat(g.front()).containsExactly(smallSlowRestore, fastRestore, fastIngest); // highest EDR first
        assertThat(g.dominated()).containsExactly(beaten);
    }

    @Test
    void withoutARestoreForEveryConfigurationTheFrontIsOverEdrAndIngestAlone() {
        TradeOffs.Choice a = TradeOffs.choice(at("postgresql", "plain", "bulk"), 2.5, 100, 900);
        TradeOffs.Choice b = TradeOffs.choice(at("mariadb", "plain", "bulk"), 3.0, 120, Double.NaN);

        TradeOffs.Group g = TradeOffs.groups(List.of(a, b)).get(0);

        assertThat(g.withRestore()).isFalse();
        assertThat(g.front()).containsExactly(b); // a's fast restore does not count: b has none to compare with
        assertThat(g.dominated()).containsExactly(a);
    }

    @Test
    void theSummaryJoinsEachInsertToTheRestoreOfItsPathAndPrintsTheFront() {
        List<SummaryTable.Row> inserts = List.of(
                new SummaryTable.Row(at("postgresql", "cdc", "bulk"), 10, 33, 3.3, 10, 12, 90, 5),
                new SummaryTable.Row(at("postgresql", "plain", "bulk"), 10, 33, 13, 2.5, 12, 100, 5),
                new SummaryTable.Row(at("postgresql", "plain", "perFile"), 10, 33, 13, 2.5, 12, 30, 5));
        List<SummaryTable.RestoreRow> restores = List.of(
                new SummaryTable.RestoreRow(at("postgresql", "cdc", "restoreBulk"), 10, 33, 50, 5, 37, 0.1, 0, 0),
                new SummaryTable.RestoreRow(at("postgresql", "plain", "restoreBulk"), 10, 33, 400, 5, 1, 0.1, 0, 0),
                new SummaryTable.RestoreRow(at("postgresql", "plain", "restorePerFile"), 10, 33, 200, 5, 1, 1, 1, 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SummaryTable.printFront(inserts, restores, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("CONFIGURATIONS WORTH CHOOSING")
                .contains("versioned_doc U0 32MiB (2 of 3)")
                .containsPattern("postgresql · cdc · bulk +EDR +10.00 +ingest +90.0 MB/s +restore +50.0 MB/s")
                .containsPattern("postgresql · plain · bulk +EDR +2.50 +ingest +100.0 MB/s +restore +400.0 MB/s")
                .doesNotContain("perFile"); // same EDR, slower ingest and restore than plain · bulk
    }
}
