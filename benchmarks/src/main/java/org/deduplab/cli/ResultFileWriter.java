package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.payloads.NoSpace;
import org.deduplab.report.Failure;
import org.deduplab.report.RunFile;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * A run's result file and the failure files beside it, each written whole or not at all: the results
 * so far after every benchmark (valid JMH output at any moment; a resumed run's earlier benchmarks
 * kept ahead of the new ones), and {@code <result>.failures.json} with a log of every failure's trace.
 */
final class ResultFileWriter {
    private final Path resultFile;
    private final ResultFormatType format;
    /** Benchmarks a resumed run had finished before (JSON), kept ahead of the new ones. */
    private final ArrayNode earlier;

    ResultFileWriter(Path resultFile, ResultFormatType format, ArrayNode earlier) {
        this.resultFile = resultFile;
        this.format = format;
        this.earlier = earlier;
    }

    int earlierCount() {
        return earlier.size();
    }

    /** The results so far, written whole beside the result file and renamed over it. */
    void write(Collection<RunResult> results) throws IOException {
        Path target = resultFile.toAbsolutePath();
        try {
            // formatted in memory and written with AtomicFile (Files.write), which reports a full disk (a PrintStream
            // on
            // the file would swallow the error and leave a cut file)
            ByteArrayOutputStream now = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(now, false, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(earlier.isEmpty() ? format : ResultFormatType.JSON, out)
                        .writeOut(results);
            }
            byte[] content = now.toByteArray();
            if (!earlier.isEmpty()) {
                // a resumed run: the earlier benchmarks as they were, then this run's, in one JMH JSON array
                ArrayNode all = earlier.deepCopy();
                all.addAll((ArrayNode) new ObjectMapper().readTree(content));
                content = new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(all);
            }
            AtomicFile.write(target, content); // nothing half-written stays; the last complete file does
        } catch (IOException e) {
            IOException said = NoSpace.on(
                    target.getParent(),
                    "the result file " + target.getFileName() + " cannot take this benchmark (it keeps the "
                            + (earlier.size() + results.size() - 1) + " finished before)",
                    e);
            throw said != e ? said : new IOException("cannot write " + resultFile + ": " + e.getMessage(), e);
        }
    }

    /** The failures beside the result file: {@code <result>.failures.json} (for report and compare) and a log with every trace. */
    static Path writeFailures(Path resultFile, List<Failure> failures) throws IOException {
        Path log = RunFile.beside(resultFile, RunFile.FAILURE_LOG_SUFFIX);
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Failure f : failures) {
            text.append("== ")
                    .append(f.describe())
                    .append('\n')
                    .append(f.trace())
                    .append('\n');
            json.add(f.toMap());
        }
        // whole or not at all, like the result file: report and compare read the JSON
        AtomicFile.write(log, text.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(
                Failure.fileBeside(resultFile),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        return log;
    }

    /** Removes the failure files beside a result (a resumed run finished what had failed). */
    static void clearFailures(Path resultFile) throws IOException {
        Files.deleteIfExists(Failure.fileBeside(resultFile));
        Files.deleteIfExists(RunFile.beside(resultFile, RunFile.FAILURE_LOG_SUFFIX));
    }
}
