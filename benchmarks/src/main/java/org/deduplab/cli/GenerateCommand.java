package org.deduplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.ByteSize;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.NoSpace;
import org.deduplab.payloads.generation.ChangeRate;
import org.deduplab.payloads.generation.GenerationParams;
import org.deduplab.payloads.generation.Generations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes datasets and their manifests to disk, then exits. Standalone on
 * purpose: it never opens a database connection and never starts a benchmark.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Write dataset files and DIR/manifest.json. Several --payload/--grade values generate the grid into DIR/<payload>-<grade>/.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(
            names = "--payload",
            required = true,
            split = ",",
            description =
                    "random_binary, structured_json, text_log, versioned_doc, compressed_media or dir:PATH (comma-separated for a grid)")
    List<String> payloads;

    @Option(
            names = "--grade",
            split = ",",
            defaultValue = "U0",
            description = "U0..U99, comma-separated (default ${DEFAULT-VALUE})")
    List<String> grades;

    @Option(
            names = "--size",
            defaultValue = "64MiB",
            description = "total bytes per dataset, e.g. 64MiB, 1GiB (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "output directory: must be missing or empty unless --force")
    Path out;

    @Option(names = "--force", description = "replace the contents of a non-empty --out")
    boolean force;

    @Option(
            names = "--generations",
            defaultValue = "0",
            description =
                    "write N generations as snapshot subdirectories DIR/g0001 .. (a generated payload edited at"
                            + " --change, a dir: corpus's snapshots, a mimic of snapshots as its corpus changed); default: one dataset")
    int generations;

    @Option(
            names = "--change",
            defaultValue = "10%",
            description = "with --generations, a generated payload's change per generation (default ${DEFAULT-VALUE})")
    String change;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        // validate everything before writing anything
        long bytes = ByteSize.parse(size);
        List<DatasetSpec> specs = new ArrayList<>();
        for (String p : payloads) {
            for (String g : grades) {
                specs.add(new DatasetSpec(p.trim(), Grade.parse(g), bytes, seed));
            }
        }
        if (generations != 0) {
            return writeGenerations(specs);
        }
        OutputLocation.fileIn(
                out, "the dataset directory"); // its parent must take it (it is written beside and renamed)
        DatasetWriter.checkTarget(out, force);
        boolean grid = specs.size() > 1;
        if (grid && force) {
            DatasetWriter.deleteRecursively(out);
        }
        for (DatasetSpec spec : specs) {
            Path dir = grid ? out.resolve(dirName(spec)) : out;
            long start = System.nanoTime();
            Dataset dataset = Dataset.open(spec);
            Progress progress = new Progress(err, spec, dataset.totalBytes());
            Manifest m;
            try {
                m = DatasetWriter.write(dataset, dir, force, progress);
            } catch (IOException e) {
                if (!NoSpace.is(e)) {
                    throw e;
                }
                // the partial directory is gone already (DatasetWriter removes it)
                err.println(
                        "error: no space left on " + out.toAbsolutePath() + ": " + spec.payload() + " " + spec.grade()
                                + " needs " + dataset.totalBytes() + " bytes; free some space or choose another --out");
                return 1;
            }
            progress.done();
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%s %s: %d files (%d copies), %d bytes (%.1f MB) in %.1f s (%.0f MB/s) -> %s%n",
                    spec.payload(),
                    spec.grade(),
                    m.files().size(),
                    m.duplicateFiles(),
                    m.logicalBytes(),
                    m.logicalBytes() / 1e6,
                    secs,
                    m.logicalBytes() / 1e6 / secs,
                    dir);
        }
        return 0;
    }

    /** {@code --generations N}: one dataset's first N generations as DIR/g0001 .. DIR/g000N, written beside and moved in. */
    private int writeGenerations(List<DatasetSpec> specs) throws IOException {
        if (specs.size() != 1) {
            throw new BadInputException("--generations " + generations + " with " + specs.size()
                    + " datasets; valid: one --payload and one --grade");
        }
        DatasetSpec spec = specs.get(0);
        GenerationParams params = new GenerationParams(generations, ChangeRate.parse(change), generations);
        Generations gens = Generations.of(spec, params.change());
        gens.checkEnoughFor(params, spec.payload());
        OutputLocation.fileIn(out, "the dataset directory");
        DatasetWriter.checkTarget(out, force);
        Path abs = out.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-");
        try {
            for (int g = 1; g <= generations; g++) {
                long bytes = 0;
                List<Generations.File> files = gens.files(g);
                for (Generations.File f : files) {
                    byte[] data = f.bytes();
                    Path target = tmp.resolve(Generations.prefix(g) + f.name());
                    Files.createDirectories(target.getParent());
                    Files.write(target, data);
                    bytes += data.length;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s generation %d: %d files, %.1f MB%n",
                        spec.payload(),
                        g,
                        files.size(),
                        bytes / 1e6);
            }
            if (Files.exists(abs)) {
                DatasetWriter.deleteRecursively(abs);
            }
            DatasetWriter.moveIntoPlace(tmp, abs);
        } catch (IOException | RuntimeException e) {
            DatasetWriter.deleteRecursively(tmp);
            throw e;
        }
        System.out.println(generations + " generations -> " + abs);
        return 0;
    }

    static String dirName(DatasetSpec spec) {
        String p = spec.isDirectory() ? "dir_" + spec.directory().getFileName() : spec.payload();
        return p + "-" + spec.grade();
    }

    /** Progress line on stderr, at most every two seconds, only for runs that take that long. */
    static final class Progress implements DatasetWriter.Progress {
        private final PrintStream err;
        private final DatasetSpec spec;
        private final long total;
        private final long start = System.nanoTime();
        private long last = start;
        private boolean shown;

        Progress(PrintStream err, DatasetSpec spec, long total) {
            this.err = err;
            this.spec = spec;
            this.total = total;
        }

        @Override
        public void update(int files, long bytes) {
            long now = System.nanoTime();
            if (now - last >= 2_000_000_000L) {
                last = now;
                shown = true;
                err.printf(
                        Locale.ROOT,
                        "  %s %s: %d files, %.0f/%.0f MB (%.0f%%), %.0f MB/s%n",
                        spec.payload(),
                        spec.grade(),
                        files,
                        bytes / 1e6,
                        total / 1e6,
                        100.0 * bytes / total,
                        bytes / 1e6 / ((now - start) / 1e9));
            }
        }

        void done() {
            if (shown) {
                err.println("  done");
            }
        }
    }
}
