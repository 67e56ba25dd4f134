package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
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

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        AnalysisResult r = ReferenceAnalyzer.analyzeDirectory(dir, threads);
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r.toMap()));
        } else {
            System.out.println(dir + ":");
            System.out.println(r.toText());
        }
        return 0;
    }
}
