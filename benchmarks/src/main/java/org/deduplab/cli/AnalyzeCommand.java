package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
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

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        AnalysisResult r = ReferenceAnalyzer.analyzeDirectory(dir, threads);
        Map<String, Object> all = new LinkedHashMap<>(r.toMap());
        if (codecs) {
            all.putAll(CodecRatios.of(dir));
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
        }
        return 0;
    }
}
