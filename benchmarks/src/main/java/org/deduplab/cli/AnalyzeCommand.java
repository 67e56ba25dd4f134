package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.PayloadType;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
import org.deduplab.payloads.generation.ChangeRate;
import org.deduplab.payloads.generation.GenerationIndex;
import org.deduplab.payloads.generation.Generations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analyze DIR}: the reference dedup and compression ratios of any directory of files. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description =
                "Reference ratios of every regular file under DIR: exact-file, 4 KiB block and FastCDC dedup, zstd-3, CDC+zstd.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a generated dataset or any directory of files")
    Path dir;

    @Option(
            names = "--json",
            description =
                    "print exactly the keys files, logicalBytes, fileDedupRatio, block4kDedupRatio, cdcDedupRatio, zstdRatio, fileZstdRatio, cdcZstdRatio")
    boolean json;

    @Option(names = "--codecs", description = "also deflate-6 and lz4 (fast) per file, as deflate6Ratio and lz4Ratio")
    boolean codecs;

    @Option(
            names = "--snapshots",
            description =
                    "DIR's immediate subdirectories are snapshots: also what each brings in name order (its bytes,"
                            + " files and new unique bytes under whole-file and FastCDC dedup), as generations")
    boolean snapshots;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        AnalysisResult r = ReferenceAnalyzer.analyzeDirectory(dir, threads);
        Map<String, Object> all = new LinkedHashMap<>(r.toMap());
        if (codecs) {
            all.putAll(CodecRatios.of(dir));
        }
        if (snapshots) {
            Generations g = Generations.of(
                    new DatasetSpec(PayloadType.DIR_PREFIX + dir, Grade.parse("U0"), 1, 42), ChangeRate.DEFAULT);
            all.put("generations", GenerationIndex.arrivals(g, g.count().orElseThrow()));
        }
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(all));
        } else {
            System.out.println(dir + ":");
            System.out.println(r.toText());
            if (codecs) {
                System.out.printf(
                        Locale.ROOT,
                        "deflate6Ratio      %.3f   (deflate level 6 per file)%nlz4Ratio           %.3f   (lz4 fast per file)%n",
                        all.get("deflate6Ratio"),
                        all.get("lz4Ratio"));
            }
            if (snapshots) {
                System.out.println("generation  logical MB  files  new whole-file MB  new FastCDC MB");
                for (Object o : (List<?>) all.get("generations")) {
                    GenerationIndex.Arrival a = (GenerationIndex.Arrival) o;
                    System.out.printf(
                            Locale.ROOT,
                            "%10d  %10.2f  %5d  %17.2f  %14.2f%n",
                            a.generation(),
                            a.logicalBytes() / 1e6,
                            a.files(),
                            a.newWholeFileBytes() / 1e6,
                            a.newChunkBytes() / 1e6);
                }
            }
        }
        return 0;
    }
}
