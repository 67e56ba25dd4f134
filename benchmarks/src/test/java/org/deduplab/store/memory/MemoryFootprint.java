package org.deduplab.store.memory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.Space;

/** The bytes a {@link MemoryStore} keeps: every key (UTF-8) and value of its spaces. Nothing to settle, no disk. */
final class MemoryFootprint implements FootprintProbe {
    private final MemoryStore.Namespace namespace;
    private final Set<Space> spaces;

    MemoryFootprint(MemoryStore.Namespace namespace, Set<Space> spaces) {
        this.namespace = namespace;
        this.spaces = spaces;
    }

    @Override
    public void settle() {}

    @Override
    public long bytes() {
        long bytes = 0;
        for (Space s : spaces) {
            for (Map.Entry<String, byte[]> e : namespace.of(s).entrySet()) {
                bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
            }
        }
        return bytes;
    }

    @Override
    public OptionalLong diskBytes() {
        return OptionalLong.empty();
    }

    @Override
    public Map<String, String> serverSettings() {
        return Map.of(
                "server",
                "jvm-" + Runtime.version().feature(),
                "store",
                "maps in the heap: keys and values, no overhead counted");
    }
}
