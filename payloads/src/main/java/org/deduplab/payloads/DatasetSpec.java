package org.deduplab.payloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything that determines a dataset: payload ({@code random_binary} ... or {@code dir:PATH}),
 * uniqueness grade, requested total size and seed. For a generated payload, file i is a pure
 * function of (payload, grade, sizeBytes, seed, i). For {@code dir:PATH} the corpus files are the
 * unique files (sorted by relative path) and the grade adds copies; sizeBytes is not used.
 */
public record DatasetSpec(String payload, Grade grade, long sizeBytes, long seed) {

    public DatasetSpec {
        if (payload == null || payload.isBlank()) {
            throw new InvalidSpecException("missing payload type; valid: " + PayloadType.validValues());
        }
        if (payload.startsWith(PayloadType.DIR_PREFIX)) {
            String path = payload.substring(PayloadType.DIR_PREFIX.length());
            if (path.isBlank() || !Files.isDirectory(Path.of(path))) {
                throw new InvalidSpecException("payload '" + payload + "': " + (path.isBlank() ? "no path given" : "'" + path
                        + "' is not a directory") + "; valid: " + PayloadType.validValues() + " with PATH an existing directory");
            }
        } else {
            PayloadType.fromId(payload);
        }
        if (grade == null) {
            throw new InvalidSpecException("missing grade; valid: " + Grade.VALID);
        }
        if (sizeBytes <= 0) {
            throw new InvalidSpecException("invalid size " + sizeBytes + "; valid: " + ByteSize.VALID);
        }
    }

    public static DatasetSpec of(String payload, String grade, String size, long seed) {
        return new DatasetSpec(payload, Grade.parse(grade), ByteSize.parse(size), seed);
    }

    public boolean isDirectory() {
        return payload.startsWith(PayloadType.DIR_PREFIX);
    }

    /** The generated type, or null for a {@code dir:} corpus. */
    public PayloadType type() {
        return isDirectory() ? null : PayloadType.fromId(payload);
    }

    public Path directory() {
        return isDirectory() ? Path.of(payload.substring(PayloadType.DIR_PREFIX.length())) : null;
    }

    /** A file-system friendly name, e.g. {@code structured_json-U50-64MiB-s42}. */
    public String slug() {
        if (isDirectory()) {
            Path dir = directory().toAbsolutePath().normalize();
            String base = dir.getFileName() == null ? "root" : dir.getFileName().toString();
            return ("dir_" + base).replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + grade + "-h"
                    + Integer.toHexString(dir.toString().hashCode());
        }
        return String.format(Locale.ROOT, "%s-%s-%s-s%d", payload, grade, ByteSize.format(sizeBytes), seed);
    }
}
