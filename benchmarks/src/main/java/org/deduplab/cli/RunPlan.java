package org.deduplab.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.DatasetCache;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.Provisioning;
import org.deduplab.trace.KafkaSettings;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Everything decided about a run before any server starts or fork runs: the selected benchmarks,
 * the storage matrix and the systems left out of it, the seed, the forks' extra JVM arguments and
 * where the results go. Bad input is an {@link BadInputException} naming it and the valid values.
 *
 * @param matrix  the storage matrix, empty when no storage benchmark (insert or restore) is selected
 * @param skipped system -> the line saying why it was left out
 * @param kafka   where the trace is published besides its file ({@code DEDUP_KAFKA_URL}), checked before any fork
 */
record RunPlan(
        List<String> args,
        BenchmarkSelection selection,
        Optional<StorageMatrix> matrix,
        Map<String, String> skipped,
        long seed,
        List<String> jvmAppend,
        Path datasets,
        Path resultFile,
        ResultFormatType resultFormat,
        Optional<KafkaSettings> kafka) {

    /** A plan for a fresh run. */
    static RunPlan make(List<String> args, CommandLineOptions cmd) {
        return make(args, cmd, Optional.empty());
    }

    /** A plan whose result goes to {@code resultFile} (a resumed run's), or where the command line says. */
    static RunPlan make(List<String> args, CommandLineOptions cmd, Optional<Path> resultFile) {
        List<String> jvmAppend = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        String seedValue = forkProperty(jvmAppend, "dedup.seed").orElse("42").trim();
        if (!seedValue.matches("-?[0-9]{1,18}")) {
            throw new BadInputException("invalid -Ddedup.seed '" + seedValue + "'; valid: a whole number, e.g. 42");
        }
        if (forkProperty(jvmAppend, "dedup.datasets").isEmpty()) {
            jvmAppend.add("-Ddedup.datasets=" + DatasetCache.root());
        }
        Path datasets = Path.of(forkProperty(jvmAppend, "dedup.datasets").orElseThrow());
        BenchmarkSelection selection = BenchmarkSelection.of(cmd);
        Map<String, String> skipped = new LinkedHashMap<>();
        Optional<StorageMatrix> matrix = selection.storageBenchmarks().isEmpty()
                ? Optional.empty()
                : Optional.of(storageMatrix(cmd, selection, skipped));
        ParamNames.check(args, selection);
        ResultFormatType format = cmd.getResultFormat().orElse(ResultFormatType.JSON);
        Path result = resultFile.orElseGet(
                () -> cmd.getResult().hasValue() ? Path.of(cmd.getResult().get()) : defaultResultFile(format));
        OutputLocation.fileIn(result, "the result file"); // before any server starts
        if (matrix.isPresent()) {
            OutputLocation.directory(datasets, "the dataset cache (-Ddedup.datasets)");
        }
        return new RunPlan(
                List.copyOf(args),
                selection,
                matrix,
                skipped,
                Long.parseLong(seedValue),
                jvmAppend,
                datasets,
                result,
                format,
                KafkaSettings.load());
    }

    /** The matrix without the systems that have no endpoint; naming such a system with -p system= is an error. */
    private static StorageMatrix storageMatrix(
            CommandLineOptions cmd, BenchmarkSelection selection, Map<String, String> skipped) {
        StorageMatrix matrix = StorageMatrix.resolve(cmd, selection);
        Provisioning.plan(matrix.servers(), skipped);
        if (!skipped.isEmpty() && cmd.getParameter(BenchmarkCoordinates.SYSTEM).hasValue()) {
            // asked for explicitly: that is an error, not a quiet omission
            throw new BadInputException(String.join(System.lineSeparator() + "error: ", skipped.values()));
        }
        matrix = matrix.without(skipped.keySet());
        if (matrix.systems().isEmpty()) {
            throw new BadInputException("no system to benchmark: " + String.join("; ", skipped.values()));
        }
        return matrix;
    }

    /** A -D property the forks get through {@code -jvmArgsAppend} (the last one wins). */
    private static Optional<String> forkProperty(List<String> jvmAppend, String name) {
        String value = null;
        for (String a : jvmAppend) {
            if (a.startsWith("-D" + name + "=")) {
                value = a.substring(name.length() + 3);
            }
        }
        return Optional.ofNullable(value);
    }

    /** results/run-<UTC timestamp>.<ext>, where results go unless -rff says otherwise. */
    private static Path defaultResultFile(ResultFormatType type) {
        String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return JmhLauncher.resultsDir()
                .resolve("run-" + ts + "." + type.toString().toLowerCase(Locale.ROOT));
    }
}
