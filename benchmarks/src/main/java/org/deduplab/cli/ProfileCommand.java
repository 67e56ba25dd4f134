package org.deduplab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.mimic.CorpusProfile;
import org.deduplab.payloads.mimic.SnapshotHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code profile PATH --out profile.json}: the shape of a corpus without its content or names
 * (docs/MIMIC.md), for {@code mimic:profile.json} datasets of any size.
 */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "Describe every regular file under PATH as numbers only (sizes, duplicates, shared chunks,"
                + " compressibility by content class, the analyzer's ratios): a profile that -p payload=mimic:FILE"
                + " and generate --payload mimic:FILE reproduce at any size.")
public final class ProfileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "the corpus: a directory of files")
    Path corpus;

    @Option(names = "--out", required = true, description = "the profile to write (JSON)")
    Path out;

    @Option(names = "--force", description = "replace an existing --out")
    boolean force;

    @Option(
            names = "--snapshots",
            description = "PATH's immediate subdirectories are snapshots (read in name order): also record how each"
                    + " becomes the next, so that a mimic of it has generations (-p generations=N)")
    boolean snapshots;

    @Override
    public Integer call() throws Exception {
        OutputLocation.fileIn(out, "the profile"); // first: --force never replaces a device
        if (Files.exists(out) && !force) {
            throw new BadInputException("'" + out + "' exists; valid: a new file, or --force to replace it");
        }
        long t0 = System.nanoTime();
        CorpusProfile p = CorpusProfile.of(corpus, snapshots);
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".profile", ".tmp");
        try {
            p.write(tmp);
            AtomicFile.write(out, Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
        PrintStream o = System.out;
        o.printf(
                Locale.ROOT,
                "%s: %d files, %.1f MB, %d distinct, %.1f s%n",
                out,
                p.files(),
                p.bytes() / 1e6,
                p.duplicates().distinctFiles(),
                (System.nanoTime() - t0) / 1e9);
        Map<String, double[]> byClass = new TreeMap<>();
        p.content().forEach(c -> {
            double[] shares = byClass.computeIfAbsent(c.name(), k -> new double[2]);
            shares[0] += c.byteShare();
            shares[1] += c.fileShare();
        });
        byClass.forEach((name, shares) -> o.printf(
                Locale.ROOT,
                "  %-10s %5.1f %% of distinct bytes, %5.1f %% of files%n",
                name,
                100 * shares[0],
                100 * shares[1]));
        p.corpusRatios().forEach((k, v) -> o.printf(Locale.ROOT, "  %-18s %.3f%n", k, v));
        p.history()
                .ifPresent(h -> o.printf(
                        Locale.ROOT,
                        "  %d snapshots: %.1f %% of files changed, %.1f %% added, %.1f %% removed per snapshot (mean)%n",
                        h.snapshots(),
                        100 * mean(h, t -> t.changedFiles()),
                        100 * mean(h, t -> t.addedFiles()),
                        100 * mean(h, t -> t.removedFiles())));
        o.println("profile hash " + CorpusProfile.hashOf(out) + "; use it: -p payload=mimic:" + out);
        return 0;
    }

    /** The mean over the transitions of a count as a share of the previous snapshot's files. */
    private static double mean(SnapshotHistory h, ToLongFunction<SnapshotHistory.Transition> count) {
        return h.transitions().stream()
                .mapToDouble(t -> t.files() == 0 ? 0 : (double) count.applyAsLong(t) / t.files())
                .average()
                .orElse(0);
    }
}
