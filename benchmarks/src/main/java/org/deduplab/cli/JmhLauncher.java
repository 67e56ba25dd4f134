package org.deduplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deduplab.bench.RunSettings;
import org.deduplab.provision.Endpoint;
import java.util.SortedSet;
import org.deduplab.bench.InsertBenchmark;
import org.deduplab.bench.StorageProfiler;
import org.deduplab.payloads.InvalidSpecException;
import org.deduplab.provision.Endpoints;
import org.deduplab.provision.Provisioning;
import org.deduplab.report.SummaryTable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH the way {@code java -jar benchmarks.jar} users expect, plus what the lab needs around
 * it: the experiment matrix is validated and printed before any fork, embedded servers are started
 * once and shared by all forks, the storage profiler is always attached, and JSON results go to
 * {@code results/run-<UTC timestamp>.json} unless {@code -rff} says otherwise.
 */
public final class JmhLauncher {
    /** Where results go unless -rff is given: {@code -Ddedup.results}, default {@code results/} in the working directory. */
    static Path resultsDir() {
        return Path.of(System.getProperty("dedup.results", "results"));
    }

    private JmhLauncher() {
    }

    public static int run(String[] args) throws IOException {
        PrintStream out = System.out;
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("error: " + e.getMessage() + " (see -h for JMH options; tools: " + String.join(", ",
                    new java.util.TreeSet<>(Launcher.TOOLS)) + ")");
            return 2;
        }
        if (cmd.shouldHelp()) {
            cmd.showHelp();
            out.println();
            out.println("dedup-lab tools: java -jar benchmarks.jar {generate|analyze|preflight|report|compare} --help");
            return 0;
        }
        if (cmd.shouldList() || cmd.shouldListWithParams()) {
            Runner runner = new Runner(cmd);
            if (cmd.shouldList()) {
                runner.list();
            } else {
                runner.listWithParams(cmd);
            }
            return 0;
        }
        if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
            return 0;
        }
        if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
            return 0;
        }

        List<String> includes = new ArrayList<>(cmd.getIncludes());
        if (includes.isEmpty()) {
            includes.add(InsertBenchmark.class.getSimpleName() + "\\."); // the main job
        }
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(out, VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(quiet, includes, cmd.getExcludes());
        if (selected.isEmpty()) {
            System.err.println("error: no benchmark matches " + includes + "; list them with -l");
            return 2;
        }
        int insertStages = (int) selected.stream()
                .filter(e -> e.getUsername().startsWith(InsertBenchmark.class.getName() + ".")).count();

        ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd).include(String.join("|", includes));
        List<String> jvmAppend = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        String seedValue = forkProperty(jvmAppend, "dedup.seed", "42").trim();
        if (!seedValue.matches("-?[0-9]{1,18}")) {
            System.err.println("error: invalid -Ddedup.seed '" + seedValue + "'; valid: a whole number, e.g. 42");
            return 2;
        }
        Provisioning servers = null;
        InsertMatrix insertMatrix = null;
        try {
            if (insertStages > 0) {
                InsertMatrix matrix;
                try {
                    matrix = InsertMatrix.resolve(cmd, insertStages);
                } catch (InvalidSpecException e) {
                    System.err.println("error: " + e.getMessage());
                    return 2;
                }
                Map<String, String> skipped = new LinkedHashMap<>();
                try {
                    Provisioning.plan(matrix.systems(), skipped);
                } catch (InvalidSpecException e) {
                    System.err.println("error: " + e.getMessage());
                    return 2;
                }
                if (!skipped.isEmpty() && cmd.getParameter("system").hasValue()) {
                    // asked for explicitly: that is an error, not a quiet omission
                    skipped.values().forEach(line -> System.err.println("error: " + line));
                    return 2;
                }
                matrix = matrix.without(skipped.keySet());
                out.println(matrix.describe());
                skipped.values().forEach(line -> out.println("  " + line));
                if (matrix.systems().isEmpty()) {
                    System.err.println("error: no system to benchmark");
                    return 2;
                }
                insertMatrix = matrix;
                servers = Provisioning.start(matrix.systems(), out);
                Path endpoints = servers.writeEndpoints();
                jvmAppend.add("-D" + Endpoints.FILE_PROPERTY + "=" + endpoints);
                options.param("system", matrix.systems().toArray(String[]::new));
                options.addProfiler(StorageProfiler.class);
            }
            if (jvmAppend.stream().noneMatch(a -> a.startsWith("-Ddedup.datasets="))) {
                jvmAppend.add("-Ddedup.datasets=" + org.deduplab.bench.DatasetCache.root());
            }
            Path datasets = Path.of(forkProperty(jvmAppend, "dedup.datasets", null));
            options.jvmArgsAppend(jvmAppend.toArray(String[]::new));
            Path resultFile = cmd.getResult().hasValue() ? Path.of(cmd.getResult().get()) : defaultResultFile(cmd);
            // JSON unless -rf says otherwise, also with -rff (JMH's own default would be CSV)
            options.resultFormat(cmd.getResultFormat().orElse(ResultFormatType.JSON));
            Files.createDirectories(resultFile.toAbsolutePath().getParent());
            options.result(resultFile.toString());
            Collection<RunResult> results = new Runner(options.build()).run();
            if (insertStages > 0) {
                SummaryTable.print(results, out);
                writeEnvironment(servers, insertMatrix, Long.parseLong(seedValue), datasets, resultFile, out);
            }
            out.println("results: " + resultFile + " (open in JMH Visualizer: https://jmh.morethan.io)");
            return results.isEmpty() ? 1 : 0;
        } catch (RunnerException e) {
            System.err.println("error: benchmark run failed: " + e.getMessage());
            return 1;
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    /** A -D property the forks get through {@code -jvmArgsAppend} (the last one wins), else {@code otherwise}. */
    private static String forkProperty(List<String> jvmAppend, String name, String otherwise) {
        String value = otherwise;
        for (String a : jvmAppend) {
            if (a.startsWith("-D" + name + "=")) {
                value = a.substring(name.length() + 3);
            }
        }
        return value;
    }

    /**
     * "payload grade sizeMiB" -> the analyzer's reference ratios of that dataset, for the report; only
     * datasets the forks analyzed (the cache holds them), never recomputed here.
     */
    private static Map<String, Object> referenceRatios(InsertMatrix matrix, long seed, Path datasets) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        for (String payload : matrix.payloads()) {
            for (String grade : matrix.grades()) {
                for (String size : matrix.sizes()) {
                    org.deduplab.payloads.DatasetSpec spec = new org.deduplab.payloads.DatasetSpec(payload,
                            org.deduplab.payloads.Grade.parse(grade), Long.parseLong(size) << 20, seed);
                    org.deduplab.bench.DatasetCache.cachedAnalysis(spec, datasets)
                            .ifPresent(a -> out.put(payload + " " + grade + " " + size + "MiB", a.toMap()));
                }
            }
        }
        return out;
    }

    /** results/run-<UTC timestamp>.<ext>, where results go unless -rff says otherwise. */
    private static Path defaultResultFile(CommandLineOptions cmd) {
        ResultFormatType type = cmd.getResultFormat().orElse(ResultFormatType.JSON);
        String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return resultsDir().resolve("run-" + ts + "." + type.toString().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Records what was measured beside the results ({@code run-<ts>.env.json}): endpoints without
     * credentials, server versions and the settings that change footprint or speed, JVM and JMH.
     */
    private static void writeEnvironment(Provisioning servers, InsertMatrix matrix, long seed, Path datasets, Path resultFile,
                                         PrintStream out) throws IOException {
        Map<String, Map<String, String>> settings = RunSettings.collect(servers.dir());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", ZonedDateTime.now(ZoneOffset.UTC).toString());
        env.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.put("jmh", org.openjdk.jmh.util.Utils.class.getPackage().getImplementationVersion());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        Map<String, Object> systems = new TreeMap<>();
        for (Endpoint e : servers.endpoints().values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mode", e.mode());
            s.put("url", e.safeUrl());
            s.put("settings", settings.getOrDefault(e.system(), Map.of()));
            systems.put(e.system(), s);
        }
        env.put("systems", systems);
        env.put("seed", seed);
        env.put("datasets", referenceRatios(matrix, seed, datasets));
        out.println();
        out.println("MEASURED ON");
        systems.forEach((name, s) -> out.println("  " + name + ": " + ((Map<?, ?>) s).get("settings")));
        String name = resultFile.getFileName().toString();
        Path envFile = resultFile.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                + ".env.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(envFile.toFile(), env);
        out.println("environment: " + envFile);
    }
}
