package org.deduplab.provision;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;

/**
 * Hands endpoints from the launcher to the JMH forks. They travel as a 0600 properties file whose
 * path is the only system property passed: JMH records every fork JVM argument in its results, and
 * credentials must never end up there.
 */
public final class Endpoints {
    public static final String FILE_PROPERTY = "dedup.endpoints";

    private Endpoints() {}

    /** Writes {@code endpoints.properties} into a run's private directory; returns its path. */
    public static Path writeInto(Path dir, Collection<Endpoint> endpoints) throws IOException {
        Path file = dir.resolve("endpoints.properties");
        write(endpoints, file);
        return file;
    }

    public static void write(Collection<Endpoint> endpoints, Path file) throws IOException {
        Properties p = new Properties();
        for (Endpoint e : endpoints) {
            String k = e.system() + ".";
            p.setProperty(k + "mode", e.mode().id());
            p.setProperty(k + "url", e.url());
            p.setProperty(k + "user", e.user() == null ? "" : e.user());
            p.setProperty(k + "password", e.password() == null ? "" : e.password());
            if (e.dataDir() != null) {
                p.setProperty(k + "dataDir", e.dataDir().toString());
            }
            e.settings().forEach((sk, sv) -> p.setProperty(k + "setting." + sk, sv));
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "dedup-lab endpoints (contains credentials; deleted at the end of the run)");
        }
    }

    /** The endpoints of this fork, from the file named by -Ddedup.endpoints. */
    public static Map<String, Endpoint> load() throws IOException {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file))) {
            p.load(r);
        }
        Map<String, Endpoint> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith(".url")) {
                continue;
            }
            String sys = key.substring(0, key.length() - 4);
            Map<String, String> settings = new TreeMap<>();
            String prefix = sys + ".setting.";
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith(prefix)) {
                    settings.put(k.substring(prefix.length()), p.getProperty(k));
                }
            }
            String dataDir = p.getProperty(sys + ".dataDir");
            out.put(
                    sys,
                    new Endpoint(
                            sys,
                            ServerMode.of(p.getProperty(sys + ".mode")),
                            p.getProperty(key),
                            p.getProperty(sys + ".user"),
                            p.getProperty(sys + ".password"),
                            dataDir == null ? null : Path.of(dataDir),
                            settings));
        }
        return out;
    }
}
