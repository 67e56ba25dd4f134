package org.deduplab.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.CacheMode;
import org.deduplab.bench.Operation;
import org.deduplab.bench.Speed;

/**
 * "Configurations worth choosing": the trade-off between bytes kept, ingest speed and restore speed.
 * A configuration is a system (with its variant), a layout and a path (bulk or perFile) for one
 * payload type, grade and size; its EDR and ingest MB/s come from its insert benchmark, its restore
 * MB/s from the restore benchmark of the same path ({@code bulk} with {@code restoreBulk}: an
 * application that loads in bulk restores in bulk). Insert and restore results may come from
 * different runs: they are joined by their params, the first run given that has a figure providing it.
 * The front is every configuration that no other one beats (EDR, ingest MB/s and, where every
 * configuration of the group has one, restore MB/s). EDR is exact; a speed is a {@link Speed} with its
 * 95 % interval, and a difference inside the intervals is a tie. So a configuration is beaten only by one
 * that is better beyond the intervals on at least one figure (higher EDR, or a speed whose interval lies
 * wholly above) and not worse beyond them on any (lower EDR, or a speed whose interval lies wholly below).
 * A configuration that another leads on every mean, but not beyond the intervals, stays on the front,
 * and {@link Group#tiedWith} names who leads it.
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
            Speed ingest,
            Speed restore) {
        public String label() {
            return system + " · " + layout + " · " + path;
        }

        boolean hasRestore() {
            return restore.known();
        }
    }

    /** The configurations of one payload type, grade and size: the front, and the dominated ones with who beats them. */
    public record Group(String payload, String grade, String datasetMiB, List<Choice> front, List<Choice> dominated) {
        /** Whether restore MB/s took part (every configuration of the group has one). */
        public boolean withRestore() {
            return front.stream().allMatch(Choice::hasRestore)
                    && dominated.stream().allMatch(Choice::hasRestore);
        }

        /**
         * The configurations that lead {@code c} on every mean (and on one strictly), but not beyond the
         * intervals: without the intervals they would have beaten it; with them it is a tie.
         */
        public List<Choice> tiedWith(Choice c) {
            boolean r = withRestore();
            return Stream.concat(front.stream(), dominated.stream())
                    .filter(o -> o != c && leadsOnMeans(o, c, r) && !dominates(o, c, r))
                    .toList();
        }
    }

    /** Every configuration with a finite EDR, from the insert benchmarks of {@code runs} and their restores. */
    public static List<Choice> choices(List<RunFile> runs) {
        Map<BenchmarkKey, RunFile.Bench> restores = new LinkedHashMap<>();
        for (RunFile r : runs) {
            r.restores().forEach(b -> restores.putIfAbsent(keyOf(b.at().orElseThrow()), b));
        }
        Map<BenchmarkKey, Choice> out = new LinkedHashMap<>();
        for (RunFile r : runs) {
            for (RunFile.Bench b : r.inserts()) {
                BenchmarkCoordinates at = b.at().orElseThrow();
                Speed restore = Optional.ofNullable(restores.get(restoreKeyOf(at)))
                        .map(RunFile.Bench::speed)
                        .orElse(Speed.UNKNOWN);
                if (!Double.isNaN(b.edr())) {
                    out.putIfAbsent(keyOf(at), choice(at, b.edr(), b.speed(), restore));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The configuration of an insert benchmark with its figures. */
    public static Choice choice(BenchmarkCoordinates insert, double edr, Speed ingest, Speed restore) {
        return new Choice(
                insert.system(),
                insert.layout(),
                insert.stage().method(),
                insert.payload(),
                insert.grade(),
                insert.datasetMiB(),
                edr,
                ingest,
                restore);
    }

    /** The key of the (warm) restore benchmark that pairs with an insert benchmark (bulk with restoreBulk). */
    public static BenchmarkKey restoreKeyOf(BenchmarkCoordinates insert) {
        return keyOf(new BenchmarkCoordinates(
                insert.system(),
                insert.payload(),
                insert.grade(),
                insert.datasetMiB(),
                insert.stage(),
                insert.layout(),
                false,
                Operation.RESTORE,
                CacheMode.WARM.id()));
    }

    /** The key of a benchmark by its own coordinates. */
    public static BenchmarkKey keyOf(BenchmarkCoordinates at) {
        return BenchmarkKey.of(at.method(), Optional.of(at), Map.of());
    }

    /** A dataset: what the configurations of one group all store. */
    private record Dataset(String payload, String grade, String datasetMiB) {}

    /** The configurations grouped by payload type, grade and size (in their order of first appearance), each split into its front. */
    public static List<Group> groups(Collection<Choice> choices) {
        Map<Dataset, List<Choice>> by = new LinkedHashMap<>();
        choices.forEach(
                c -> by.computeIfAbsent(new Dataset(c.payload(), c.grade(), c.datasetMiB()), k -> new ArrayList<>())
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

    /** {@code a} is better than {@code b} beyond the intervals on one figure and not worse beyond them on any. */
    static boolean dominates(Choice a, Choice b, boolean withRestore) {
        boolean notWorse = a.edr() >= b.edr()
                && !b.ingest().beats(a.ingest())
                && (!withRestore || !b.restore().beats(a.restore()));
        boolean better = a.edr() > b.edr()
                || a.ingest().beats(b.ingest())
                || (withRestore && a.restore().beats(b.restore()));
        return notWorse && better;
    }

    /** {@code a} is at least as good as {@code b} on every mean and better on one: dominance without intervals. */
    static boolean leadsOnMeans(Choice a, Choice b, boolean withRestore) {
        double ai = a.ingest().mean();
        double bi = b.ingest().mean();
        double ar = a.restore().mean();
        double br = b.restore().mean();
        boolean atLeast = a.edr() >= b.edr() && ai >= bi && (!withRestore || ar >= br);
        boolean better = a.edr() > b.edr() || ai > bi || (withRestore && ar > br);
        return atLeast && better;
    }
}
