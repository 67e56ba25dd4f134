package org.deduplab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.payloads.PayloadType;

/** The insert benchmark classes: one per payload type, plus {@link DirCorpus} for {@code dir:PATH}. */
public final class StorageBenchmarks {
    private static final Map<String, Class<? extends StorageBenchmark>> BY_PAYLOAD = new LinkedHashMap<>();

    static {
        BY_PAYLOAD.put(PayloadType.RANDOM_BINARY.id(), RandomBinary.class);
        BY_PAYLOAD.put(PayloadType.STRUCTURED_JSON.id(), StructuredJson.class);
        BY_PAYLOAD.put(PayloadType.TEXT_LOG.id(), TextLog.class);
        BY_PAYLOAD.put(PayloadType.VERSIONED_DOC.id(), VersionedDoc.class);
        BY_PAYLOAD.put(PayloadType.COMPRESSED_MEDIA.id(), CompressedMedia.class);
    }

    private StorageBenchmarks() {}

    /** The class that loads a generated payload type. */
    public static Class<? extends StorageBenchmark> classOf(PayloadType type) {
        return BY_PAYLOAD.get(type.id());
    }

    /** Every insert class, the five payload types in their order, then {@link DirCorpus}. */
    public static List<Class<? extends StorageBenchmark>> all() {
        List<Class<? extends StorageBenchmark>> all = new ArrayList<>(BY_PAYLOAD.values());
        all.add(DirCorpus.class);
        return all;
    }

    /** Whether a full benchmark name belongs to an insert class. */
    public static boolean isStorageBenchmark(String benchmark) {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return all().stream().anyMatch(c -> c.getName().equals(cls));
    }

    /** The payload type a class (simple name) loads, if it is one of the five. */
    public static Optional<String> payloadOf(String simpleClassName) {
        return BY_PAYLOAD.entrySet().stream()
                .filter(e -> e.getValue().getSimpleName().equals(simpleClassName))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
