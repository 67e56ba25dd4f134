package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.Speed;
import org.deduplab.bench.StorageProfiler;
import org.deduplab.bench.Trace;
import org.deduplab.cds.ForkClassCache;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.CacheControl;
import org.deduplab.provision.Endpoints;
import org.deduplab.provision.Provisioning;
import org.deduplab.report.RunFile;
import org.deduplab.report.SummaryTable;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.deduplab.trace.KafkaTracePublisher;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.CompilerHints;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH the way {@code java -jar benchmarks.jar} users expect, plus what the lab needs around
 * it: the experiment matrix is planned, validated and printed before any fork ({@link RunPlan}),
 * servers are started once and shared by all forks ({@link Provisioning}), the storage profiler is
 * always attached, and JSON results go to {@code results/run-<UTC timestamp>.json} unless
 * {@code -rff} says otherwise, with the environment beside them ({@link EnvironmentFile}).
 */
public final class JmhLauncher {
    /** Where results go unless -rff is given: {@code -Ddedup.results}, default {@code results/} in the working directory. */
    static Path resultsDir() {
        return Path.of(System.getProperty("dedup.results", "results"));
    }

    private JmhLauncher() {}

    public static int run(String[] given) throws IOException {
        PrintStream out = System.out;
        Optional<Resume> resume;
        try {
            Optional<Path> file = Resume.requested(given);
            resume = file.isPresent() ? Optional.of(Resume.of(file.get())) : Optional.empty();
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        // a resumed run is the original command line again, into the same result file
        String[] args = resume.map(r -> r.args().toArray(String[]::new)).orElse(given);
        Optional<Shard> shard;
        try {
            shard = Shard.of(args);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(Shard.without(args));
        } catch (CommandLineOptionException e) {
            System.err.println("error: " + e.getMessage() + " (see -h for JMH options; tools: "
                    + String.join(", ", new TreeSet<>(Launcher.TOOLS)) + ")");
            return 2;
        }
        Optional<Integer> informational = informational(cmd, Shard.without(args), out);
        if (informational.isPresent()) {
            return informational.get();
        }
        RunPlan plan;
        try {
            plan = RunPlan.make(List.of(args), cmd, resume.map(Resume::resultFile));
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        plan.matrix().ifPresent(m -> out.println(m.describe()));
        plan.skipped().values().forEach(line -> out.println("  " + line));
        plan.selection().notes().forEach(line -> out.println("  " + line));
        // an archive fits only the JVM that made it: none for forks of another JVM (-jvm)
        CompletableFuture<Optional<String>> classArchive =
                plan.matrix().isPresent() && !cmd.getJvm().hasValue()
                        ? ForkClassCache.forkArgumentInBackground(out)
                        : CompletableFuture.completedFuture(Optional.empty());
        try (Provisioning servers = plan.matrix().isPresent()
                ? Provisioning.start(plan.matrix().get().servers(), out)
                : null) {
            return runJmh(cmd, plan, servers, classArchive.join(), out, resume, shard);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (RunnerException e) {
            System.err.println("error: benchmark run failed: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("error: " + e);
            return 1;
        }
    }

    /**
     * A shard of the matrix, and/or a resumed run: each benchmark of this shard of the plan's matrix
     * that the result file does not hold yet (missing, or failed before), one JMH run each with exactly
     * its params, into the same file.
     */
    private static Collection<RunResult> runInstances(
            Options all,
            RunPlan plan,
            List<String> systems,
            Optional<Resume> resume,
            Optional<Shard> shard,
            Map<String, String> coldSkipped,
            RunOutput progress,
            PrintStream out)
            throws RunnerException {
        List<MatrixBenchmark> matrix = MatrixBenchmark.of(plan, systems).stream()
                .filter(i ->
                        !(i.coldRestore() && coldSkipped.containsKey(i.params().get(BenchmarkCoordinates.SYSTEM))))
                .toList();
        List<MatrixBenchmark> planned = shard.map(s -> s.of(matrix)).orElse(matrix);
        shard.ifPresent(s -> out.println(
                "SHARD " + s + ": " + planned.size() + " of the matrix's " + matrix.size() + " benchmarks"));
        List<MatrixBenchmark> missing = planned.stream()
                .filter(i -> resume.isEmpty() || !resume.get().done(i.entry().getUsername(), i.params()))
                .toList();
        resume.ifPresent(r -> out.println("RESUME " + plan.resultFile() + ": " + missing.size() + " of "
                + planned.size() + " benchmarks to run, " + (planned.size() - missing.size()) + " finished before"));
        List<RunResult> results = new ArrayList<>();
        for (MatrixBenchmark i : missing) {
            ChainedOptionsBuilder one = new OptionsBuilder().parent(all);
            plan.selection().applyOnly(one, i.entry());
            i.params().forEach(one::param);
            results.addAll(new Runner(one.build(), progress).run());
        }
        return results;
    }

    /**
     * The systems whose {@code cache=cold} restores cannot run (an external server, a server without
     * caches the lab can empty, no root for the page cache), each with the line saying why: they are
     * left out and listed in the summary, never measured warm instead.
     */
    private static Map<String, String> coldSkipped(List<String> systems, Provisioning servers) {
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String system : systems) {
            servers.coldUnavailable(Systems.serverOf(system))
                    .ifPresent(why -> skipped.put(system, "cache=cold restores of " + system + ": " + why));
        }
        return skipped;
    }

    /** Restarts the server of a storage benchmark when it died, saying so; true when it did. */
    private static boolean restartIfDead(Provisioning servers, BenchmarkParams b, PrintStream out) throws IOException {
        String system = b.getParam(BenchmarkCoordinates.SYSTEM);
        if (system == null) {
            return false;
        }
        Optional<String> said = servers.restartIfDead(Systems.serverOf(system));
        said.ifPresent(out::println);
        return said.isPresent();
    }

    /** The benchmarks that met a server that died, once more each on the restarted server. */
    private static List<RunResult> retry(Options all, RunPlan plan, RunOutput progress, PrintStream out)
            throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        for (BenchmarkParams b : progress.takeRetries()) {
            out.println("retrying " + b.getBenchmark() + " " + b.getParam(BenchmarkCoordinates.SYSTEM)
                    + " once (its server died and was restarted)");
            results.addAll(new Runner(again(all, plan, b), progress).run());
        }
        return results;
    }

    /** Options that run exactly one benchmark of the plan with exactly its params. */
    private static Options again(Options all, RunPlan plan, BenchmarkParams b) {
        ChainedOptionsBuilder one = new OptionsBuilder().parent(all);
        plan.selection().benchmarks().stream()
                .filter(e -> e.getUsername().equals(b.getBenchmark()))
                .findFirst()
                .ifPresent(e -> plan.selection().applyOnly(one, e));
        b.getParamsKeys().forEach(k -> one.param(k, b.getParam(k)));
        return one.build();
    }

    /**
     * Spends more time only where an interval needs it: each insert or restore benchmark whose speed has
     * an interval (two samples or more) still wider than ±15 % of its figure (issue 28's precision target;
     * {@code -Ddedup.topUpAbove=F} for another share) gets one more fork, whose samples join the same
     * result ({@link RunOutput}). Measured here, much of a 2-core VM's spread is between JVMs, which only
     * another fork samples (docs/PERFORMANCE.md). {@code -Ddedup.topUpForks=N} allows up to N rounds
     * (default 1; 0 turns it off).
     */
    private static void topUp(Options all, RunPlan plan, RunOutput progress, PrintStream out) throws RunnerException {
        int rounds = Integer.getInteger("dedup.topUpForks", 1);
        double above = Double.parseDouble(System.getProperty("dedup.topUpAbove", "0.15"));
        for (int round = 1; round <= rounds; round++) {
            List<RunResult> wide = progress.results().stream()
                    .filter(r -> wide(SummaryTable.speedOf(r), above))
                    .toList();
            if (wide.isEmpty()) {
                return;
            }
            out.println("TOP-UP " + round + " of " + rounds + ": one more fork for the " + wide.size()
                    + " benchmarks whose MB/s interval is wider than ±" + Math.round(above * 100) + " %");
            for (RunResult r : wide) {
                new Runner(again(all, plan, r.getParams()), progress).run();
            }
        }
    }

    private static boolean wide(Speed s, double above) {
        return s.hasInterval() && !(s.relativeHalfWidth() <= above);
    }

    /** -h, -l, -lp, -lprof, -lrf: JMH's own answers, nothing started. */
    private static Optional<Integer> informational(CommandLineOptions cmd, String[] args, PrintStream out)
            throws IOException {
        if (cmd.shouldHelp()) {
            cmd.showHelp();
            out.println();
            out.println("dedup-lab tools: java -jar benchmarks.jar {" + String.join("|", new TreeSet<>(Launcher.TOOLS))
                    + "} --help");
        } else if (cmd.shouldList() || cmd.shouldListWithParams()) {
            Runner runner = new Runner(cmd);
            if (cmd.shouldList()) {
                runner.list();
            } else {
                runner.listWithParams(withRegistrySystems(cmd, args));
            }
        } else if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
        } else if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
        } else {
            return Optional.empty();
        }
        return Optional.of(0);
    }

    /**
     * The options with the {@code system} param as a run without {@code -p system=} has it: the
     * registry's systems instead of the benchmarks' placeholder default ({@link Systems#EVERY}).
     */
    private static CommandLineOptions withRegistrySystems(CommandLineOptions cmd, String[] args) {
        if (cmd.getParameter(BenchmarkCoordinates.SYSTEM).hasValue()) {
            return cmd;
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-p", BenchmarkCoordinates.SYSTEM + "=" + String.join(",", Systems.names())));
        try {
            return new CommandLineOptions(all.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalStateException("the command line parsed once already", e);
        }
    }

    /** The run's trace file beside the result, and the run id (the result's name without extension). */
    private record TraceFile(Path path, String runId) {
        static TraceFile of(RunPlan plan) {
            Path trace = RunFile.beside(plan.resultFile(), RunFile.TRACE_SUFFIX).toAbsolutePath();
            return new TraceFile(trace, trace.getFileName().toString().replace(RunFile.TRACE_SUFFIX, ""));
        }
    }

    /** Runs the planned benchmarks against the started servers; prints the summary and writes the environment. */
    private static int runJmh(
            CommandLineOptions cmd,
            RunPlan plan,
            Provisioning servers,
            Optional<String> classArchive,
            PrintStream out,
            Optional<Resume> resume,
            Optional<Shard> shard)
            throws Exception {
        TraceFile trace = TraceFile.of(plan);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
        Optional<CacheControl> caches =
                servers != null && plan.matrix().orElseThrow().coldRestores()
                        ? Optional.of(CacheControl.serve(servers))
                        : Optional.empty();
        List<String> systems = configure(options, cmd, plan, servers, classArchive, caches, trace, out);
        Map<String, String> coldSkipped = caches.isEmpty() ? Map.of() : coldSkipped(systems, servers);
        coldSkipped.values().forEach(line -> out.println("  " + line));
        // the result file is written by RunOutput alone, whole after every benchmark; JMH's own copy goes aside,
        // into the run directory where there is one (so a killed run leaves nothing of it in $TMPDIR)
        Path jmhOwn = servers == null
                ? Files.createTempFile("dedup-lab-jmh-result", ".tmp")
                : Files.createTempFile(servers.dir(), "jmh-result", ".tmp");
        if (servers
                != null) { // JMH's compiler hints file lives in $TMPDIR for the JVM's life: a killed run's is removed
            // by the reaper
            servers.record().fileOutside(Path.of(CompilerHints.hintsFile()));
            out.println(
                    "machine: " + servers.machine()); // measured before the first benchmark, recorded in the .env.json
        }
        options.result(jmhOwn.toString());
        RunOutput progress = progress(cmd, plan, servers, resume, trace, out);
        Collection<RunResult> results;
        Optional<KafkaTracePublisher> kafka =
                plan.kafka().map(k -> KafkaTracePublisher.start(k, trace.path(), trace.runId()));
        out.println("trace: " + trace.path()
                + plan.kafka().map(k -> ", published to " + k).orElse(""));
        try {
            results = new ArrayList<>(
                    resume.isEmpty() && shard.isEmpty() && coldSkipped.isEmpty()
                            ? new Runner(options.build(), progress).run()
                            : runInstances(options.build(), plan, systems, resume, shard, coldSkipped, progress, out));
            results.addAll(retry(options.build(), plan, progress, out));
            if (servers != null) {
                topUp(options.build(), plan, progress, out);
                results = progress.results(); // each with its top-up forks merged in
            }
        } finally {
            Files.deleteIfExists(jmhOwn);
            kafka.ifPresent(KafkaTracePublisher::close);
            if (caches.isPresent()) {
                caches.get().close();
            }
        }
        if (servers != null) {
            SummaryTable.print(results, progress.failures(), List.copyOf(coldSkipped.values()), out);
            TimeBudget budget = TimeBudget.of(progress.windows(), trace.path());
            budget.print(out);
            EnvironmentFile.write(servers, plan, Optional.of(budget), out);
        }
        kafka.ifPresent(k -> out.println(k.line()));
        out.println("results: " + plan.resultFile() + " (open in JMH Visualizer: https://jmh.morethan.io)");
        return exitCode(plan, progress, resume, results.isEmpty());
    }

    /**
     * The JMH options of the run: the selection, the forks' JVM arguments (trace, endpoints, class
     * archive), the systems and layouts that can run, the storage profiler, the result format.
     * Returns the systems that run.
     */
    private static List<String> configure(
            ChainedOptionsBuilder options,
            CommandLineOptions cmd,
            RunPlan plan,
            Provisioning servers,
            Optional<String> classArchive,
            Optional<CacheControl> caches,
            TraceFile trace,
            PrintStream out)
            throws Exception {
        List<String> systems = List.of();
        plan.selection().applyTo(options, cmd);
        List<String> jvmAppend = new ArrayList<>(plan.jvmAppend());
        jvmAppend.add("-D" + Trace.FILE_PROPERTY + "=" + trace.path());
        jvmAppend.add("-D" + Trace.RUN_PROPERTY + "=" + trace.runId());
        if (servers != null) {
            classArchive.ifPresent(jvmAppend::add);
            caches.ifPresent(c -> jvmAppend.add(c.forkArgument()));
            jvmAppend.add("-D" + Endpoints.FILE_PROPERTY + "=" + servers.writeEndpoints());
            StorageMatrix m = plan.matrix().orElseThrow();
            systems = VariantCheck.runnable(
                    m.systems(), cmd.getParameter(BenchmarkCoordinates.SYSTEM).orElse(List.of()), servers, out);
            options.param(BenchmarkCoordinates.SYSTEM, systems.toArray(String[]::new));
            options.param(BenchmarkCoordinates.LAYOUT, m.layouts().toArray(String[]::new));
            if (!plan.selection().dirs().isEmpty()) {
                options.param(BenchmarkCoordinates.DIR, plan.selection().dirs().toArray(String[]::new));
            }
            options.addProfiler(StorageProfiler.class);
        }
        options.jvmArgsAppend(jvmAppend.toArray(String[]::new));
        // JSON unless -rf says otherwise, also with -rff (JMH's own default would be CSV)
        options.resultFormat(plan.resultFormat());
        return systems;
    }

    /** JMH's console output plus the result file, environment, trace, server checks and failures of a long run. */
    private static RunOutput progress(
            CommandLineOptions cmd,
            RunPlan plan,
            Provisioning servers,
            Optional<Resume> resume,
            TraceFile trace,
            PrintStream out) {
        return new RunOutput(
                        OutputFormatFactory.createFormatInstance(
                                out, cmd.verbosity().orElse(VerboseMode.NORMAL)),
                        plan.resultFile(),
                        plan.resultFormat(),
                        () -> {
                            if (servers != null) {
                                EnvironmentFile.write(servers, plan);
                            }
                        },
                        resume.map(Resume::finished).orElse(new ObjectMapper().createArrayNode()))
                .traceTo(trace.path(), trace.runId())
                .checkServersWith(b -> servers != null && restartIfDead(servers, b, out))
                .dataDirsFrom(system -> servers == null
                        ? Optional.empty()
                        : Optional.ofNullable(servers.endpoints().get(Systems.serverOf(system)))
                                .map(Endpoint::dataDir));
    }

    /** 3 when a benchmark failed (its stack traces logged beside the result), 1 when nothing ran, else 0. */
    private static int exitCode(RunPlan plan, RunOutput progress, Optional<Resume> resume, boolean noResults)
            throws IOException {
        if (progress.failures().isEmpty() && resume.isPresent()) {
            ResultFileWriter.clearFailures(plan.resultFile()); // the benchmarks that had failed ran now
        }
        if (!progress.failures().isEmpty()) {
            String failed = "error: " + progress.failures().size() + " benchmark"
                    + (progress.failures().size() == 1 ? "" : "s") + " failed (FAILED in the summary)";
            try {
                System.err.println(failed + "; stack traces: "
                        + ResultFileWriter.writeFailures(plan.resultFile(), progress.failures()));
            } catch (IOException e) {
                System.err.println(failed + "; the failure log could not be written (" + e.getMessage() + "):");
                progress.failures().forEach(f -> System.err.println("  " + f.describe()));
            }
            return 3;
        }
        return noResults && (resume.isEmpty() || progress.finishedCount() == 0) ? 1 : 0;
    }
}
