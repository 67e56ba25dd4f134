package org.deduplab.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The redis-server binary embedded-redis ships, extracted once into {@code $TMPDIR/dedup-lab-bin}
 * and reused by every run (embedded-redis itself extracts a fresh copy into a new {@code redis-*}
 * directory per start, which a killed run leaves behind). The copy appears by an atomic rename, so
 * two runs starting at once never execute a half-written file.
 */
public final class RedisBinary {
    /** Under java.io.tmpdir; the reaper prunes other versions in it. */
    public static final String CACHE_DIR = "dedup-lab-bin";

    private RedisBinary() {}

    static Path extracted() throws IOException {
        String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
        if (resource == null) {
            throw new IOException("embedded-redis has no redis-server for " + OsArchitecture.detectOSandArchitecture());
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), CACHE_DIR));
        Path binary = dir.resolve(Path.of(resource).getFileName().toString());
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path partial = Files.createTempFile(dir, "." + binary.getFileName(), ".partial");
        try (InputStream in =
                RedisBinary.class.getResourceAsStream(resource.startsWith("/") ? resource : "/" + resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the class path");
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return binary;
    }
}
