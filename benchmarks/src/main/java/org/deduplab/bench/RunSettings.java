package org.deduplab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deduplab.provision.Endpoints;

/**
 * Server versions and settings seen by the forks (durability, TOAST/page compression, page size
 * ...), collected so a reader of the results knows what was measured. Each fork writes what it saw
 * beside the endpoints file; the launcher gathers them after the run.
 */
public final class RunSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSettings() {}

    static void record(String system, Map<String, String> settings) throws IOException {
        String endpoints = System.getProperty(Endpoints.FILE_PROPERTY);
        if (endpoints == null) {
            return;
        }
        Path file = Path.of(endpoints).resolveSibling("settings-" + system + ".json");
        JSON.writeValue(file.toFile(), new TreeMap<>(settings));
    }

    /** system -> settings, from the files the forks wrote into {@code dir}. */
    public static Map<String, Map<String, String>> collect(Path dir) throws IOException {
        Map<String, Map<String, String>> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith("settings-") && n.endsWith(".json")) {
                    @SuppressWarnings("unchecked")
                    Map<String, String> m = JSON.readValue(f.toFile(), TreeMap.class);
                    all.put(n.substring("settings-".length(), n.length() - ".json".length()), m);
                }
            }
        }
        return all;
    }
}
