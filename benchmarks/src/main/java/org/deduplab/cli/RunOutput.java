package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.Trace;
import org.deduplab.payloads.NoSpace;
import org.deduplab.report.Failure;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console output, plus what a long run needs: after every finished benchmark the result file
 * is rewritten whole (written beside it and renamed, so it is valid at any moment and a run stopped
 * at any point keeps every finished benchmark), and every benchmark that failed is kept with its
 * reason (the first line of its exception) and its whole trace, instead of silently missing from the
 * results. A benchmark whose server died is handed to {@link ServerRestarts}, its time window to
 * {@link BenchmarkWindows}; the files are written by {@link ResultFileWriter}.
 */
final class RunOutput implements OutputFormat {
    private final OutputFormat console;
    private final ResultFileWriter resultFile;
    private final List<RunResult> finished = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    /** What else is written after each finished benchmark (the environment file). */
    private final AfterEach afterEach;

    private BenchmarkParams current;
    private StringBuilder failureText;

    /** Work done after each finished benchmark. */
    @FunctionalInterface
    interface AfterEach {
        void run() throws IOException;
    }

    private ServerRestarts restarts = new ServerRestarts(b -> false);

    RunOutput checkServersWith(ServerRestarts.Check check) {
        this.restarts = new ServerRestarts(check);
        return this;
    }

    /** Takes the benchmarks to run once more, and forgets their failures (a retry fails on its own if it does). */
    List<BenchmarkParams> takeRetries() {
        List<BenchmarkParams> out = restarts.take();
        for (BenchmarkParams p : out) {
            failures.removeIf(
                    f -> f.benchmark().equals(p.getBenchmark()) && f.params().equals(paramsOf(p)));
        }
        return out;
    }

    private static Map<String, String> paramsOf(BenchmarkParams p) {
        Map<String, String> params = new LinkedHashMap<>();
        p.getParamsKeys().forEach(k -> params.put(k, p.getParam(k)));
        return params;
    }

    /** The run's trace file, where benchmark ends and failures are appended. */
    private Path trace;

    private String runId = "";

    /** Appends benchmark ends and failures to the run's trace. */
    RunOutput traceTo(Path traceFile, String run) {
        this.trace = traceFile;
        this.runId = run;
        return this;
    }

    private void traceEnd(
            String type, Map<String, String> params, Optional<BenchmarkCoordinates> at, String key, Object value) {
        if (trace == null) {
            return;
        }
        Map<String, Object> e = Trace.event(type, runId);
        e.put("benchmark", current.getBenchmark());
        at.ifPresentOrElse(c -> Trace.put(e, c), () -> e.put("params", params));
        e.put(key, value);
        try {
            Trace.append(trace, e);
        } catch (UncheckedIOException full) {
            console.println(
                    "warning: " + full.getMessage()); // the results still count; only the trace misses this line
        }
    }

    RunOutput(OutputFormat console, Path resultFile, ResultFormatType format, AfterEach afterEach) {
        this(console, resultFile, format, afterEach, new ObjectMapper().createArrayNode());
    }

    RunOutput(OutputFormat console, Path resultFile, ResultFormatType format, AfterEach afterEach, ArrayNode earlier) {
        this.console = console;
        this.resultFile = new ResultFileWriter(resultFile, format, earlier);
        this.afterEach = afterEach;
    }

    /** Benchmarks in the result file: those of this run and, when resumed, those finished before. */
    int finishedCount() {
        return resultFile.earlierCount() + finished.size();
    }

    List<Failure> failures() {
        return failures;
    }

    /** The benchmarks this run finished, each with all its forks (a top-up fork merged into its first). */
    List<RunResult> results() {
        return List.copyOf(finished);
    }

    /**
     * A new benchmark's result, or another fork of one already finished in this run (a top-up): then the
     * forks are one result, as JMH writes a run with {@code -f 2}: every fork's samples in rawData, the
     * counters summed, the figures averaged over all samples.
     */
    private void addOrMerge(BenchmarkResult result) {
        int i = finishedIndex(current);
        if (i < 0) {
            finished.add(new RunResult(current, List.of(result)));
            return;
        }
        RunResult earlier = finished.get(i);
        List<BenchmarkResult> forks = new ArrayList<>(earlier.getBenchmarkResults());
        forks.add(result);
        finished.set(i, new RunResult(earlier.getParams(), forks));
    }

    /** Where this run's results hold the benchmark of {@code p} (same method, same params); -1 when not yet. */
    private int finishedIndex(BenchmarkParams p) {
        for (int i = 0; i < finished.size(); i++) {
            BenchmarkParams f = finished.get(i).getParams();
            if (f.getBenchmark().equals(p.getBenchmark()) && paramsOf(f).equals(paramsOf(p))) {
                return i;
            }
        }
        return -1;
    }

    /** Each benchmark's wall-clock window, for the run's time budget. */
    private final BenchmarkWindows windows = new BenchmarkWindows();

    List<TimeBudget.Window> windows() {
        return windows.all();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        windows.started();
        current = params;
        failureText = null;
        try {
            restarts.before(params); // a server that died since the last benchmark comes back first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        console.endBenchmark(result);
        if (current == null) {
            return;
        }
        windows.ended();
        if (failureText == null && result != null) {
            finish(result);
        } else {
            failed(failure(current, failureText == null ? "" : failureText.toString()));
        }
        current = null;
    }

    /**
     * A benchmark that failed: a row of the summary, traced, and run once more when it met a server that
     * died; a top-up fork of a benchmark already finished only leaves its interval wider.
     */
    private void failed(Failure f) {
        if (finishedIndex(current) >= 0) {
            console.println("warning: the top-up fork of " + current.getBenchmark() + " failed (" + f.reason()
                    + "); its result keeps the forks that finished");
            traceEnd("top-up-failed", f.params(), f.at(), "error", f.reason());
            return;
        }
        failures.add(f);
        traceEnd("benchmark-failed", f.params(), f.at(), "error", f.reason());
        try {
            restarts.afterFailure(current); // it met a server that died: once more, on the restarted one
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A benchmark that produced its result: into the result file (or failed, when the disk is full), then traced. */
    private void finish(BenchmarkResult result) {
        Map<String, String> params = paramsOf(current);
        Optional<BenchmarkCoordinates> at = BenchmarkCoordinates.of(current.getBenchmark(), params::get);
        List<RunResult> before = List.copyOf(finished);
        addOrMerge(result);
        try {
            resultFile.write(finished);
        } catch (IOException e) {
            // a disk that filled up fails this benchmark; the result file keeps the ones finished before
            finished.clear();
            finished.addAll(before);
            Failure f = new Failure(current.getBenchmark(), params, at, e.getMessage(), e.toString());
            failures.add(f);
            console.println("FAILED: " + e.getMessage());
            traceEnd("benchmark-failed", params, at, "error", f.reason());
            return;
        }
        traceEnd(
                "benchmark-end",
                params,
                at,
                "secondsPerLoad",
                result.getPrimaryResult().getScore());
        try {
            afterEach.run();
        } catch (IOException e) {
            console.println("warning: the environment file was not rewritten (it keeps its last complete version): "
                    + e.getMessage());
        }
    }

    /** Where each system keeps its data, to name a disk that filled up (from the servers of the run). */
    private Function<String, Optional<Path>> dataDirOf = system -> Optional.empty();

    RunOutput dataDirsFrom(Function<String, Optional<Path>> lookup) {
        this.dataDirOf = lookup;
        return this;
    }

    private Failure failure(BenchmarkParams p, String trace) {
        Map<String, String> params = paramsOf(p);
        String first = trace.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("<failure>"))
                .findFirst()
                .orElse("the benchmark produced no result");
        // a server whose disk filled up says so in its own words; name the disk
        String reason = NoSpace.says(trace) && !first.contains("no space left on ")
                ? "no space left on "
                        + Optional.ofNullable(p.getParam(BenchmarkCoordinates.SYSTEM))
                                .flatMap(dataDirOf)
                                .map(d -> d.toAbsolutePath().toString())
                                .orElse("the server's disk")
                        + ": " + first
                : first;
        return new Failure(
                p.getBenchmark(), params, BenchmarkCoordinates.of(p.getBenchmark(), params::get), reason, trace);
    }

    // failure text: JMH prints "<failure>" and the exception through the output format

    @Override
    public void print(String s) {
        collect(s);
        console.print(s);
    }

    @Override
    public void println(String s) {
        collect(s + "\n");
        console.println(s);
    }

    @Override
    public void verbosePrintln(String s) {
        console.verbosePrintln(s);
    }

    private void collect(String s) {
        if (current == null) {
            return;
        }
        if (failureText == null && s.contains("<failure>")) {
            failureText = new StringBuilder();
        }
        if (failureText != null && failureText.length() < 100_000) {
            failureText.append(s);
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        console.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(
            BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        console.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        console.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        console.endRun(result);
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        console.close();
    }

    @Override
    public void write(int b) {
        console.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        console.write(b);
    }
}
