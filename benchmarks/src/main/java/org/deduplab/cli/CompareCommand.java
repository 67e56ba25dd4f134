package org.deduplab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deduplab.payloads.BadInputException;
import org.deduplab.report.Comparison;
import org.deduplab.report.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare BASELINE.json CURRENT.json}: the CI gate. Prints one line per benchmark and exits
 * 1 when EDR or physical delta moved by more than {@code --edr-tolerance}, or ingest fell by more
 * than {@code --speed-tolerance}; 0 otherwise; 2 for input that is not a JMH JSON result.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare a run against a baseline; exit 1 on a regression beyond the tolerances, 2 on bad input.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "JMH JSON result of the baseline run")
    Path baseline;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "CURRENT.json",
            description =
                    "JMH JSON result of the run to check; the shards of one run (--shard K/N) may be given together")
    List<Path> current;

    @Option(
            names = "--edr-tolerance",
            paramLabel = "PERCENT",
            defaultValue = "2%",
            description = "largest accepted change of EDR and physical delta, either way (default: ${DEFAULT-VALUE})")
    String edrTolerance;

    @Option(
            names = "--speed-tolerance",
            paramLabel = "PERCENT",
            defaultValue = "30%",
            description = "largest accepted drop of ingest MB/s (default: ${DEFAULT-VALUE})")
    String speedTolerance;

    @Option(
            names = "--speed-scope",
            paramLabel = "SCOPE",
            defaultValue = "benchmark",
            description =
                    "what --speed-tolerance applies to: benchmark (each one), or group (the geometric mean per system and"
                            + " stage; a single benchmark may fall by twice the tolerance): robust against single-load noise on shared"
                            + " runners. Valid: benchmark, group (default: ${DEFAULT-VALUE})")
    String speedScope;

    @Override
    public Integer call() throws Exception {
        Comparison.SpeedScope scope = switch (speedScope.strip().toLowerCase(Locale.ROOT)) {
            case "benchmark" -> Comparison.SpeedScope.BENCHMARK;
            case "group" -> Comparison.SpeedScope.GROUP;
            default ->
                throw new BadInputException("invalid --speed-scope '" + speedScope + "'; valid: benchmark, group");
        };
        double edrTol = percent("--edr-tolerance", edrTolerance);
        double speedTol = percent("--speed-tolerance", speedTolerance);
        RunFile base = RunFile.load(baseline);
        List<RunFile> currents = RunFile.loadAll(current);
        if (currents.size() != 1) {
            throw new BadInputException("compare takes one current run; " + current + " are " + currents.size()
                    + " runs (only the shards of one matrix, from --shard K/N, count as one)");
        }
        RunFile cur = currents.get(0);
        Comparison c = new Comparison(base, cur, edrTol, speedTol, scope);
        System.out.println("baseline: " + baseline + " (" + base.inserts().size() + " insert benchmarks)");
        System.out.println("current:  " + cur.label() + " (" + cur.inserts().size() + " insert benchmarks)");
        for (RunFile r : List.of(base, cur)) {
            if (r.legacyShape()) {
                System.out.println(
                        "note: " + r.path()
                                + " is in the earlier result shape (one StorageBenchmark class with a payload"
                                + " param, storage.* metrics); its benchmarks are matched by stage, system, payload, grade and size");
            }
        }
        System.out.println();
        c.print(System.out, edrTol, speedTol);
        if (c.lines().isEmpty()) {
            System.out.println("FAIL: no benchmark in common, nothing was compared");
            return 1;
        }
        System.out.println(c.regressed() ? "FAIL: regression beyond the tolerances" : "PASS");
        return c.regressed() ? 1 : 0;
    }

    /** "2%", "2" or "2.5%" -> 0.02 / 0.025. */
    static double percent(String option, String value) {
        String v = value.strip();
        if (v.endsWith("%")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d < 1000 && !Double.isNaN(d)) {
                return d / 100;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(
                "invalid " + option + " '" + value + "'; valid: a percentage from 0, e.g. 2% or 30");
    }
}
