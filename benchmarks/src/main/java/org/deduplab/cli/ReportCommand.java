package org.deduplab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.report.RunFile;
import org.deduplab.report.html.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report RESULT.json... --out report.html}: one self-contained HTML page (no network) with
 * the runs side by side. The environment file the launcher writes beside each result
 * ({@code run-<ts>.env.json}) is picked up when present.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Render JMH JSON results of dedup-lab runs as one self-contained HTML report.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "RESULT.json",
            description = "JMH JSON results; several appear side by side")
    List<Path> results;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "report.html",
            description = "where to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Path> given =
                results.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Path> files = new ArrayList<>();
        for (Path p : results) {
            // results/run-*.json also matches the .env.json (and .failures.json) beside each result: read with its
            // result
            Optional<Path> result =
                    RunFile.resultOfEnvironmentFile(p.toAbsolutePath().normalize());
            if (result.isPresent() && given.contains(result.get())
                    || p.getFileName().toString().endsWith(RunFile.FAILURES_SUFFIX)) {
                continue;
            }
            files.add(p);
        }
        List<RunFile> runs =
                RunFile.loadAll(files); // all inputs checked before anything is written; shards become one run
        String html = HtmlReport.render(runs);
        // written next to the target and renamed: a failed write never leaves half a report
        AtomicFile.write(out, html.getBytes(StandardCharsets.UTF_8));
        long benches = runs.stream().mapToLong(r -> r.inserts().size()).sum();
        long series = runs.stream().mapToLong(r -> r.generations().size()).sum();
        System.out.println("report: " + out + " (" + runs.size() + " run" + (runs.size() == 1 ? "" : "s") + ", "
                + benches + " insert benchmarks" + (series == 0 ? "" : ", " + series + " generations benchmarks")
                + ")");
        return 0;
    }
}
