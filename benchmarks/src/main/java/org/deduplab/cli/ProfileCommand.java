package org.deduplab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.mimic.CorpusProfile;
import org.deduplab.payloads.mimic.Profiler;
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

    @Override
    public Integer call() throws Exception {
        OutputLocation.fileIn(out, "the profile"); // first: --force never replaces a device
        if (Files.exists(out) && !force) {
            throw new BadInputException("'" + out + "' exists; valid: a new file, or --force to replace it");
        }
        long t0 = System.nanoTime();
        CorpusProfile p = Profiler.profile(corpus);
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
        o.println("profile hash " + CorpusProfile.hashOf(out) + "; use it: -p payload=mimic:" + out);
        return 0;
    }
}
