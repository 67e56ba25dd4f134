package org.deduplab.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deduplab.payloads.BadInputException;

/**
 * A restore's cache, the {@code cache} param of the restore benchmarks: {@code warm} reads right
 * after the load (and the warm-up restores), {@code cold} empties the server's own caches and the OS
 * page cache before each restore JMH measures (see {@code org.deduplab.provision.CacheControl}).
 */
public enum CacheMode {
    WARM,
    COLD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value}, or an error naming it and the valid ones. */
    public static CacheMode of(String value) {
        return Arrays.stream(values())
                .filter(m -> m.id().equals(value))
                .findFirst()
                .orElseThrow(() -> new BadInputException("invalid cache '" + value + "'; valid: "
                        + Arrays.stream(values()).map(CacheMode::id).collect(Collectors.joining(", "))));
    }
}
