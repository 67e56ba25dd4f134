package org.deduplab.store.postgresql;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.provision.RunRecord;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FreePort;
import org.deduplab.store.Secrets;
import org.deduplab.store.ServerMode;
import org.deduplab.store.ServerProcess;

/**
 * Debian's PostgreSQL server (package {@code postgresql}, built with lz4, unlike zonky's embedded
 * binaries) started for a test as an external server: its own cluster in a run directory of the lab's
 * ({@link RunRecord}, so that the next run stops it by its recorded pid if this JVM dies: pg_ctl
 * detaches the postmaster), on a free port of 127.0.0.1 with scram-sha-256 and a random password,
 * run as the {@code postgres} user when the test runs as root (PostgreSQL refuses root). Stopped and
 * removed at close.
 */
final class DebianPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password = Secrets.password();

    private DebianPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb, if the package is installed. */
    static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    static DebianPostgres start(Path bin) throws Exception {
        RunRecord record = RunRecord.create();
        Path dir = record.dir();
        DebianPostgres pg = new DebianPostgres(bin, dir, FreePort.pick());
        try {
            Path pwfile = Secrets.ownerOnlyFile(dir.resolve("initdb-password"), pg.password);
            if (asRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            pg.pg(
                    "initdb",
                    "-D",
                    dir.resolve("data").toString(),
                    "-A",
                    "scram-sha-256",
                    "--pwfile=" + pwfile,
                    "-U",
                    "lab",
                    "--no-sync");
            Files.delete(pwfile);
            pg.pg(
                    "pg_ctl",
                    "-D",
                    dir.resolve("data").toString(),
                    "-w",
                    "-l",
                    dir.resolve("log").toString(),
                    "-o",
                    "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                    "start");
            record.serverReady(
                    "postgresql", ServerProcess.fromPidFile(dir.resolve("data/postmaster.pid"), ServerProcess.INT));
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    Endpoint endpoint() {
        return new Endpoint(
                "postgresql",
                ServerMode.EXTERNAL,
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "lab",
                password,
                null,
                Map.of());
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void pg(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private static void run(List<String> cmd) throws Exception {
        File out = File.createTempFile("debian-pg", ".log");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(out)
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(
                        String.join(" ", cmd) + " failed: " + Files.readString(out.toPath(), StandardCharsets.UTF_8));
            }
        } finally {
            out.delete();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                pg("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-m", "fast", "stop");
            }
        } finally {
            DatasetWriter.deleteRecursively(dir);
        }
    }
}
