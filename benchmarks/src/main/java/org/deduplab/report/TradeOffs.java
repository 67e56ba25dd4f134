package org.deduplab.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.bench.CacheMode;
import org.deduplab.bench.InsertCoordinates;
import org.deduplab.bench.Operation;

/**
 * "Configurations worth choosing": the trade-off between bytes kept, ingest speed and restore speed.
 * A configuration is a system (with its variant), a layout and a path (bulk or perFile) for one
 * payload type, grade and size; its EDR and ingest MB/s come from its insert benchmark, its restore
 * MB/s from the restore benchmark of the same path ({@code bulk} with {@code restoreBulk}: an
 * application that loads in bulk restores in bulk). Insert and restore results may come from
 * different runs: they are joined by their params, the first run given that has a figure providing it.
 * The front is every configuration that no other one beats on all figures (EDR, ingest MB/s and, where
 * every configuration of the group has one, restore MB/s).
 */
public final class TradeOffs {
    private TradeOffs() {}

    /** One configuration's figures; restore MB/s is NaN where no restore of it ran. */
    public record Choice(
            String system,
            String layout,
            String path,
            String payload,
            String grade,
            String datasetMiB,
            double edr,
            double ingestMBps,
            double restoreMBps) {
        public String label() {
            return system + " · " + layout + " · " + path;
        }

        boolean hasRestore() {
            return !Double.isNaN(restoreMBps);
        }
    }

    /** The configurations of one payload type, grade and size: the front, and the dominated ones with who beats them. */
    public record Group(String payload, String grade, String datasetMiB, List<Choice> front, List<Choice> dominated) {
        /** Whether restore MB/s took part (every configuration of the group has one). */
        public boolean withRestore() {
            return front.stream().allMatch(Choice::hasRestore)
                    && dominated.stream().allMatch(Choice::hasRestore);
        }
    }

    /** Every configuration with a finite EDR, from the insert benchmarks of {@code runs} and their restores. */
    public static List<Choice> choices(List<RunFile> runs) {
        Map<String, RunFile.Bench> restores = new LinkedHashMap<>();
        for (RunFile r : runs) {
            r.restores().forEach(b -> restores.putIfAbsent(keyOf(b.at().orElseThrow()), b));
        }
        Map<String, Choice> out = new LinkedHashMap<>();
        for (RunFile r : runs) {
            for (RunFile.Bench b : r.inserts()) {
                InsertCoordinates at = b.at().orElseThrow();
                double restore = Optional.ofNullable(restores.get(restoreKeyOf(at)))
                        .map(RunFile.Bench::mbps)
                        .orElse(Double.NaN);
                if (!Double.isNaN(b.edr())) {
                    out.putIfAbsent(joinKey(at, b.stage()), choice(at, b.edr(), b.mbps(), restore));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The configuration of an insert benchmark with its figures. */
    public static Choice choice(InsertCoordinates insert, double edr, double ingestMBps, double restoreMBps) {
        return new Choice(
                insert.system(),
                insert.layout(),
                insert.stage().method(),
                insert.payload(),
                insert.grade(),
                insert.datasetMiB(),
                edr,
                ingestMBps,
                restoreMBps);
    }

    /** The key of the restore benchmark that pairs with an insert benchmark (bulk with restoreBulk). */
    public static String restoreKeyOf(InsertCoordinates insert) {
        return joinKey(insert, Operation.RESTORE.method(insert.stage()) + " " + CacheMode.WARM.id());
    }

    /** The key of a benchmark by its own method. */
    public static String keyOf(InsertCoordinates at) {
        return joinKey(at, at.restore() ? at.method() + " " + at.cache() : at.method());
    }

    private static String joinKey(InsertCoordinates at, String method) {
        return String.join(" ", at.system(), at.layout(), method, at.payload(), at.grade(), at.datasetMiB());
    }

    /** The configurations grouped by payload type, grade and size (in their order of first appearance), each split into its front. */
    public static List<Group> groups(Collection<Choice> choices) {
        Map<String, List<Choice>> by = new LinkedHashMap<>();
        choices.forEach(
                c -> by.computeIfAbsent(c.payload() + " " + c.grade() + " " + c.datasetMiB(), k -> new ArrayList<>())
                        .add(c));
        List<Group> out = new ArrayList<>();
        for (List<Choice> g : by.values()) {
            boolean withRestore = g.stream().allMatch(Choice::hasRestore);
            List<Choice> front = new ArrayList<>();
            List<Choice> dominated = new ArrayList<>();
            for (Choice c : g) {
                boolean beaten = g.stream().anyMatch(o -> o != c && dominates(o, c, withRestore));
                (beaten ? dominated : front).add(c);
            }
            front.sort((a, b) -> Double.compare(b.edr(), a.edr()));
            dominated.sort((a, b) -> Double.compare(b.edr(), a.edr()));
            Choice first = g.get(0);
            out.add(new Group(first.payload(), first.grade(), first.datasetMiB(), front, dominated));
        }
        return out;
    }

    /** {@code a} is at least as good as {@code b} on every figure and better on one. */
    static boolean dominates(Choice a, Choice b, boolean withRestore) {
        boolean atLeast = a.edr() >= b.edr()
                && a.ingestMBps() >= b.ingestMBps()
                && (!withRestore || a.restoreMBps() >= b.restoreMBps());
        boolean better = a.edr() > b.edr()
                || a.ingestMBps() > b.ingestMBps()
                || (withRestore && a.restoreMBps() > b.restoreMBps());
        return atLeast && better;
    }
}
