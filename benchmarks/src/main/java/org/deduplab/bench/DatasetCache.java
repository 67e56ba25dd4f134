package org.deduplab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.NoSpace;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;

/**
 * Where benchmark datasets live between forks and runs: generated once into
 * {@code -Ddedup.datasets} (default {@code $TMPDIR/dedup-lab-datasets}), with the analyzer's
 * reference ratios cached beside each one.
 */
public final class DatasetCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetCache() {}

    public static Path root() {
        String p = System.getProperty("dedup.datasets", System.getenv("DEDUP_DATASETS"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("java.io.tmpdir"), "dedup-lab-datasets");
    }

    public static StoredDataset dataset(DatasetSpec spec) throws IOException {
        try {
            return StoredDataset.materialize(spec, root());
        } catch (IOException e) {
            throw NoSpace.on(root(), "the dataset cache (-Ddedup.datasets) cannot take " + spec.slug(), e);
        }
    }

    /** Where the reference ratios of {@code spec} are cached in the cache at {@code root}. */
    private static Path analysisFile(DatasetSpec spec, Path root) {
        return root.resolve(spec.slug() + ".analysis.json");
    }

    /** The reference ratios a fork already computed for {@code spec}, if the cache at {@code root} holds them. */
    public static Optional<AnalysisResult> cachedAnalysis(DatasetSpec spec, Path root) throws IOException {
        Path file = analysisFile(spec, root);
        if (spec.isDirectory() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return AnalysisResult.fromMap(JSON.readValue(file.toFile(), Map.class)); // an older analysis is made again
    }

    /** The reference ratios of the dataset, computed once per dataset. */
    public static AnalysisResult analysis(DatasetSpec spec, StoredDataset dataset) throws IOException {
        Optional<AnalysisResult> cached = cachedAnalysis(spec, root());
        if (cached.isPresent()) {
            return cached.get();
        }
        Path file = analysisFile(spec, root());
        List<Callable<byte[]>> sources = new ArrayList<>();
        for (int i = 0; i < dataset.fileCount(); i++) {
            int idx = i;
            sources.add(() -> dataset.read(idx));
        }
        AnalysisResult r =
                ReferenceAnalyzer.analyze(sources, Runtime.getRuntime().availableProcessors());
        if (!spec.isDirectory()) {
            try {
                AtomicFile.write(file, JSON.writeValueAsBytes(r.toMap()));
            } catch (IOException e) {
                throw NoSpace.on(file.getParent(), "the dataset cache cannot take " + file.getFileName(), e);
            }
        }
        return r;
    }
}
