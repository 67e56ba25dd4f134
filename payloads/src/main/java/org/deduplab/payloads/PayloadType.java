package org.deduplab.payloads;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The five synthetic payload types. The size distribution of each is log-normal with the median
 * given here and sigma {@link #SIZE_SIGMA}, clamped to {@link #MIN_FILE_BYTES}..{@link #MAX_FILE_BYTES}
 * (see docs/METRICS.md "Payload types and grades"). Medians follow what such data usually looks like: JSON documents
 * and exports are tens of KiB, log segments and media are larger, binary blobs in between.
 */
public enum PayloadType {
    RANDOM_BINARY("random_binary", 64 * 1024),
    STRUCTURED_JSON("structured_json", 32 * 1024),
    TEXT_LOG("text_log", 128 * 1024),
    VERSIONED_DOC("versioned_doc", 256 * 1024),
    COMPRESSED_MEDIA("compressed_media", 256 * 1024);

    public static final int MIN_FILE_BYTES = 4 * 1024;
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    public static final double SIZE_SIGMA = 1.0;
    /** Prefix of a user's own corpus: {@code dir:PATH}. */
    public static final String DIR_PREFIX = "dir:";
    /** Prefix of a dataset generated with a profiled corpus's shape: {@code mimic:PROFILE}. */
    public static final String MIMIC_PREFIX = "mimic:";

    private final String id;
    private final int medianBytes;

    PayloadType(String id, int medianBytes) {
        this.id = id;
        this.medianBytes = medianBytes;
    }

    public String id() {
        return id;
    }

    public int medianBytes() {
        return medianBytes;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PayloadType::id).collect(Collectors.toList());
    }

    /** Comma-separated valid values for error messages. */
    public static String validValues() {
        return String.join(", ", ids()) + ", dir:PATH, mimic:PROFILE";
    }

    public static PayloadType fromId(String id) {
        for (PayloadType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new BadInputException("unknown payload type '" + id + "'; valid: " + validValues());
    }

    @Override
    public String toString() {
        return id;
    }
}
