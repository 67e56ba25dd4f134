package org.deduplab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deduplab.payloads.NoSpace;

/**
 * The run's trace: one JSON line per event, appended as it happens to {@code run-<ts>.trace.jsonl}
 * beside the result: every load (the warm-up loads in trial set-up, warm-up and measured iterations) from the
 * forks, every benchmark end or failure from the launcher. Each line is one append of one write,
 * so lines from the launcher and a fork never interleave.
 */
public final class Trace {
    /** System property naming the trace file; forks get it from the launcher. */
    public static final String FILE_PROPERTY = "dedup.trace";
    /** System property with the run id (the result file's name without its extension). */
    public static final String RUN_PROPERTY = "dedup.runId";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Trace() {}

    /** The trace file of this process, if the launcher set one. */
    public static Optional<Path> file() {
        return Optional.ofNullable(System.getProperty(FILE_PROPERTY)).map(Path::of);
    }

    /** A new event of {@code type} with its time and the run id; fill in the rest and {@link #append} it. */
    public static Map<String, Object> event(String type, String runId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("time", Instant.now().toString());
        e.put("run", runId);
        e.put("event", type);
        return e;
    }

    /** Appends an event to this process's trace file, if there is one. */
    public static void append(Map<String, Object> event) {
        file().ifPresent(f -> append(f, event));
    }

    public static void append(Path file, Map<String, Object> event) {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            IOException said = NoSpace.on(file.getParent(), "cannot append to the trace " + file, e);
            throw new UncheckedIOException(
                    said == e ? "cannot append to the trace " + file + ": " + e.getMessage() : said.getMessage(), e);
        }
    }

    /** The coordinates of a benchmark as trace fields. */
    public static void put(Map<String, Object> event, BenchmarkCoordinates at) {
        event.put(BenchmarkCoordinates.SYSTEM, at.system());
        event.put(BenchmarkCoordinates.PAYLOAD, at.payload());
        event.put(BenchmarkCoordinates.GRADE, at.grade());
        event.put(BenchmarkCoordinates.DATASET_MIB, at.datasetMiB());
        event.put(BenchmarkCoordinates.LAYOUT, at.layout());
        event.put(BenchmarkCoordinates.STAGE, at.method());
    }

    static String runId() {
        return System.getProperty(RUN_PROPERTY, "");
    }
}
