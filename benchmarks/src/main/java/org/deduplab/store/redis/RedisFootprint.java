package org.deduplab.store.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.ReadUnits;

/**
 * Redis's footprint: the growth of {@code used_memory}, read on the control connection once the
 * loading connection is closed and gone (its buffers count in used_memory until then). The disk
 * figure is the RDB size after {@code SAVE}.
 */
public final class RedisFootprint implements FootprintProbe {
    private final RedisStore store;

    RedisFootprint(RedisStore store) {
        this.store = store;
    }

    @Override
    public void settle() {
        store.endLoad();
    }

    @Override
    public long bytes() {
        return Long.parseLong(info("memory", "used_memory")
                .orElseThrow(() -> new IllegalStateException("INFO memory has no used_memory")));
    }

    /** A field of {@code INFO section}, empty when the server does not report it. */
    private Optional<String> info(String section, String field) {
        String info = store.control().info(section);
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Optional.of(line.substring(field.length() + 1).trim());
            }
        }
        return Optional.empty();
    }

    @Override
    public OptionalLong diskBytes() throws Exception {
        if (store.endpoint().dataDir() == null) {
            return OptionalLong.empty();
        }
        store.control().save();
        String file = configGet("dbfilename");
        Path rdb = store.endpoint().dataDir().resolve(file.isEmpty() ? "dump.rdb" : file);
        return OptionalLong.of(Files.exists(rdb) ? Files.size(rdb) : 0);
    }

    private String configGet(String name) {
        return store.control().configGet(name).getOrDefault(name, "");
    }

    /** Redis holds every key in memory: a restore reads no storage unit, only keys (its entries per file). */
    @Override
    public ReadUnits readUnits() {
        return ReadUnits.none("Redis keeps every value in memory: a restore reads no storage unit, only keys"
                + " (entries per file say how many)");
    }

    @Override
    public Map<String, String> serverSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server_version", info("server", "redis_version").orElse("?"));
        m.put("mem_allocator", info("memory", "mem_allocator").orElse("?"));
        m.put("maxmemory_policy", info("memory", "maxmemory_policy").orElse("?"));
        m.put("appendonly", configGet("appendonly"));
        m.put("rdbcompression", configGet("rdbcompression"));
        return m;
    }
}
