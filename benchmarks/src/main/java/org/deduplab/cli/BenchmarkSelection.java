package org.deduplab.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.DirCorpus;
import org.deduplab.bench.Operation;
import org.deduplab.bench.StorageBenchmarks;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.PayloadType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Which benchmarks a command line selects. JMH's own regexps pick classes and methods
 * ({@code TextLog}, {@code bulk}); without any, the main job runs: every storage class's insert
 * stages. A restore stage ({@code restorePerFile}, {@code restoreBulk}) runs only when a regexp that
 * says {@code restore} matches it ({@code java -jar benchmarks.jar restore}, {@code TextLog.restore}). On top,
 * {@code -p payload=text_log,dir:/data/x} narrows the storage classes to those payloads
 * ({@code dir:PATH} selects {@link DirCorpus} with {@code -p dir=PATH}). The result is the exact list
 * of benchmarks, so a selection never runs more than it names.
 *
 * @param benchmarks every selected benchmark, insert and other ones
 * @param payloads   the payloads of the selected storage benchmarks, in matrix order
 * @param dirs       corpus directories for {@link DirCorpus}, from {@code dir:} payloads and {@code -p dir}
 * @param notes      lines for the user, e.g. why {@code DirCorpus} was left out
 */
record BenchmarkSelection(
        List<BenchmarkListEntry> benchmarks, List<String> payloads, List<String> dirs, List<String> notes) {
    private static final OutputFormat SILENT = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);

    static BenchmarkSelection of(CommandLineOptions cmd) {
        List<String> payloadParam = values(cmd, BenchmarkCoordinates.PAYLOAD);
        payloadParam.forEach(
                p -> new DatasetSpec(p, new Grade(0), 1, 0)); // unknown payloads fail here, listing the valid ones
        Set<String> dirs = new LinkedHashSet<>(values(cmd, BenchmarkCoordinates.DIR));
        payloadParam.stream()
                .filter(p -> p.startsWith(PayloadType.DIR_PREFIX))
                .forEach(p -> dirs.add(p.substring(PayloadType.DIR_PREFIX.length())));
        // a mimic runs in the corpus class too, its dir param the whole mimic:PROFILE
        payloadParam.stream()
                .filter(p -> p.startsWith(PayloadType.MIMIC_PREFIX))
                .forEach(dirs::add);
        List<String> includes = cmd.getIncludes().isEmpty() ? List.of(storageClassesPattern()) : cmd.getIncludes();
        SortedSet<BenchmarkListEntry> found = BenchmarkList.defaultList().find(SILENT, includes, cmd.getExcludes());
        List<BenchmarkListEntry> selected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean dirCorpusDropped = false;
        Set<String> replaced = new LinkedHashSet<>();
        List<Pattern> restoreRegexps = regexpsSaying(cmd, "restore");
        List<Pattern> generationRegexps = regexpsSaying(cmd, "generations");
        boolean generationParams =
                GENERATION_PARAMS.stream().anyMatch(n -> cmd.getParameter(n).hasValue());
        if (generationParams) {
            found = withGenerationsOf(found);
        }
        Set<String> names = new LinkedHashSet<>();
        found.forEach(e -> names.add(e.getUsername()));
        for (BenchmarkListEntry e : found) {
            String cls = className(e);
            boolean isDirCorpus = cls.equals(DirCorpus.class.getName());
            Operation op = Operation.ofBenchmark(e.getUsername());
            if (!StorageBenchmarks.isStorageBenchmark(e.getUsername())) {
                selected.add(e);
            } else if (op == Operation.RESTORE && noneFinds(restoreRegexps, e)) {
                continue; // a restore runs only when a regexp that says restore names it: the default stays insert
            } else if (op == Operation.GENERATIONS
                    && noneFinds(generationRegexps, e)
                    && !(generationParams && names.contains(counterpart(e, Operation.INSERT)))) {
                continue; // generations run when a regexp says so, or in place of the inserts -p generations= names
            } else if (op == Operation.INSERT
                    && generationParams
                    && names.contains(counterpart(e, Operation.GENERATIONS))) {
                replaced.add(ParamNames.shortName(e.getUsername()) + " -> "
                        + Operation.GENERATIONS.method(Operation.stageOf(e.getUsername())));
            } else if (isDirCorpus && dirs.isEmpty()) {
                dirCorpusDropped = true;
            } else if (isDirCorpus
                    || payloadParam.isEmpty()
                    || StorageBenchmarks.payloadOf(cls.substring(cls.lastIndexOf('.') + 1))
                            .filter(payloadParam::contains)
                            .isPresent()) {
                selected.add(e); // DirCorpus runs whenever a corpus was given
            }
        }
        if (!replaced.isEmpty()) {
            notes.add("generation params given: " + String.join(", ", replaced)
                    + " (each generation loaded on top of the previous ones)");
        }
        if (dirCorpusDropped && !cmd.getIncludes().isEmpty()) {
            notes.add("DirCorpus left out: no corpus given (-p payload=dir:PATH)");
        }
        if (selected.isEmpty()) {
            throw new BadInputException(
                    "no benchmark matches " + (cmd.getIncludes().isEmpty() ? "" : cmd.getIncludes() + " ")
                            + (payloadParam.isEmpty() ? "" : "with -p payload=" + String.join(",", payloadParam) + " ")
                            + (dirCorpusDropped ? "(DirCorpus needs a corpus: -p payload=dir:PATH) " : "")
                            + "; list them with -l");
        }
        return new BenchmarkSelection(selected, payloadsOf(selected, dirs), List.copyOf(dirs), notes);
    }

    /** The generations benchmarks' params ({@code StorageBenchmark.History}): giving any selects them. */
    static final List<String> GENERATION_PARAMS =
            List.of(BenchmarkCoordinates.GENERATIONS, BenchmarkCoordinates.CHANGE, BenchmarkCoordinates.KEEP);

    /** {@code found} and the generations benchmark of each insert benchmark in it. */
    private static SortedSet<BenchmarkListEntry> withGenerationsOf(SortedSet<BenchmarkListEntry> found) {
        Set<String> wanted = new LinkedHashSet<>();
        found.stream()
                .filter(e -> StorageBenchmarks.isStorageBenchmark(e.getUsername())
                        && Operation.ofBenchmark(e.getUsername()) == Operation.INSERT)
                .forEach(e -> wanted.add(counterpart(e, Operation.GENERATIONS)));
        SortedSet<BenchmarkListEntry> out = new TreeSet<>(found);
        all().stream().filter(e -> wanted.contains(e.getUsername())).forEach(out::add);
        return out;
    }

    private static List<Pattern> regexpsSaying(CommandLineOptions cmd, String word) {
        return cmd.getIncludes().stream()
                .filter(r -> r.toLowerCase(Locale.ROOT).contains(word))
                .map(Pattern::compile)
                .toList();
    }

    private static boolean noneFinds(List<Pattern> regexps, BenchmarkListEntry e) {
        return regexps.stream().noneMatch(r -> r.matcher(e.getUsername()).find());
    }

    /** The same class's benchmark of {@code op} through the same stage: {@code TextLog.bulk} -> {@code TextLog.generationsBulk}. */
    private static String counterpart(BenchmarkListEntry e, Operation op) {
        return className(e) + "." + op.method(Operation.stageOf(e.getUsername()));
    }

    /** The default job: every storage class. */
    private static String storageClassesPattern() {
        return StorageBenchmarks.all().stream()
                .map(c -> Pattern.quote(c.getName() + "."))
                .reduce((a, b) -> a + "|" + b)
                .map(p -> "^(" + p + ")")
                .orElseThrow();
    }

    private static List<String> values(CommandLineOptions cmd, String name) {
        Collection<String> given = cmd.getParameter(name).orElse(null);
        return given == null ? List.of() : new ArrayList<>(given);
    }

    private static String className(BenchmarkListEntry e) {
        String n = e.getUsername();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static List<String> payloadsOf(List<BenchmarkListEntry> selected, Set<String> dirs) {
        Set<String> classes = new LinkedHashSet<>();
        selected.forEach(e -> classes.add(className(e)));
        List<String> out = new ArrayList<>();
        for (PayloadType t : PayloadType.values()) {
            if (classes.contains(StorageBenchmarks.classOf(t).getName())) {
                out.add(t.id());
            }
        }
        if (classes.contains(DirCorpus.class.getName())) {
            dirs.forEach(d -> out.add(d.startsWith(PayloadType.MIMIC_PREFIX) ? d : PayloadType.DIR_PREFIX + d));
        }
        return out;
    }

    /** The selected storage benchmarks: inserts and restores. */
    List<BenchmarkListEntry> storageBenchmarks() {
        return benchmarks.stream()
                .filter(e -> StorageBenchmarks.isStorageBenchmark(e.getUsername()))
                .toList();
    }

    /** Selected benchmarks of {@code operation} per (system, grade, size, layout): a corpus class counts once per corpus. */
    int perSystemGradeSize(Operation operation) {
        int n = 0;
        for (BenchmarkListEntry e : storageBenchmarks()) {
            if (Operation.ofBenchmark(e.getUsername()) == operation) {
                n += className(e).equals(DirCorpus.class.getName()) ? dirs.size() : 1;
            }
        }
        return n;
    }

    /**
     * Makes {@code options} run exactly the selected benchmarks. JMH adds the command line's own
     * regexps ({@code parent}) to any included here, so whatever those match beyond the selection
     * (e.g. {@code bulk} with {@code -p payload=text_log} also matches {@code TextLog}'s neighbours)
     * is excluded by name.
     */
    void applyTo(ChainedOptionsBuilder options, CommandLineOptions parent) {
        benchmarks.forEach(e -> options.include(exactly(e)));
        if (!parent.getIncludes().isEmpty()) {
            BenchmarkList.defaultList().find(SILENT, parent.getIncludes(), parent.getExcludes()).stream()
                    .filter(e -> !benchmarks.contains(e))
                    .forEach(e -> options.exclude(exactly(e)));
        }
    }

    /** Makes {@code options}, built on options that run the whole selection, run only {@code one} of its benchmarks. */
    void applyOnly(ChainedOptionsBuilder options, BenchmarkListEntry one) {
        options.include(exactly(one));
        benchmarks.stream().filter(b -> !b.equals(one)).forEach(b -> options.exclude(exactly(b)));
    }

    /** Every benchmark in the jar. */
    static SortedSet<BenchmarkListEntry> all() {
        return BenchmarkList.defaultList().find(SILENT, List.of(".*"), List.of());
    }

    /** Exact patterns of the selected benchmarks, for JMH. */
    static String exactly(BenchmarkListEntry e) {
        return "^" + Pattern.quote(e.getUsername()) + "$";
    }
}
