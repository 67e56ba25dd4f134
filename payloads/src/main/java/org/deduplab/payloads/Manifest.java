package org.deduplab.payloads;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of a dataset: the spec; per file its name, bytes, sha256 and the name of
 * the earlier file it copies (or null); totals. Written as a stream while the files are written.
 */
public record Manifest(String payload, String grade, long sizeBytes, long seed, List<Entry> files) {
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file. {@code path} is where its bytes are, relative to the dataset root. */
    public record Entry(String name, long bytes, String sha256, String duplicateOf, String path) {}

    public long logicalBytes() {
        long sum = 0;
        for (Entry e : files) {
            sum += e.bytes();
        }
        return sum;
    }

    public long duplicateFiles() {
        return files.stream().filter(e -> e.duplicateOf() != null).count();
    }

    /** Whether the file is a manifest written by this lab (so it is not mistaken for data). */
    public static boolean isManifest(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return node != null && node.has("spec") && node.has("files") && node.has("totals");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static Manifest read(Path dir) throws IOException {
        JsonNode root = JSON.readTree(dir.resolve(FILE_NAME).toFile());
        JsonNode spec = root.path("spec");
        List<Entry> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            JsonNode dup = f.get("duplicateOf");
            String name = f.get("name").asText();
            files.add(new Entry(
                    name,
                    f.get("bytes").asLong(),
                    f.get("sha256").asText(),
                    dup == null || dup.isNull() ? null : dup.asText(),
                    name));
        }
        return new Manifest(
                spec.path("payload").asText(),
                spec.path("grade").asText(),
                spec.path("sizeBytes").asLong(),
                spec.path("seed").asLong(),
                files);
    }

    /** Streams a manifest to disk: header first, one entry per file, totals at close. */
    public static final class Writer implements Closeable {
        private final JsonGenerator gen;
        private long files;
        private long bytes;
        private long duplicates;

        public Writer(Path file, DatasetSpec spec) throws IOException {
            gen = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeObjectFieldStart("spec");
            gen.writeStringField("payload", spec.payload());
            gen.writeStringField("grade", spec.grade().toString());
            gen.writeNumberField("sizeBytes", spec.sizeBytes());
            gen.writeNumberField("seed", spec.seed());
            gen.writeEndObject();
            gen.writeArrayFieldStart("files");
        }

        public void add(String name, long size, String sha256, String duplicateOf) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("name", name);
            gen.writeNumberField("bytes", size);
            gen.writeStringField("sha256", sha256);
            gen.writeStringField("duplicateOf", duplicateOf);
            gen.writeEndObject();
            files++;
            bytes += size;
            if (duplicateOf != null) {
                duplicates++;
            }
        }

        @Override
        public void close() throws IOException {
            gen.writeEndArray();
            gen.writeObjectFieldStart("totals");
            gen.writeNumberField("files", files);
            gen.writeNumberField("logicalBytes", bytes);
            gen.writeNumberField("duplicateFiles", duplicates);
            gen.writeNumberField("uniqueFiles", files - duplicates);
            gen.writeEndObject();
            gen.writeEndObject();
            gen.close();
        }
    }
}
