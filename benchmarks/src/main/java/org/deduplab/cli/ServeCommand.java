package org.deduplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.Endpoint;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the lab's zero set-up servers for other tools. Starts the embedded servers of the
 * named systems, writes where they are as {@code DEDUP_<SYS>_*} lines to an environment file (mode
 * 0600: it holds the servers' credentials, which are never printed), and keeps them up until
 * stopped (SIGINT/SIGTERM), then removes their data. {@code scripts/perf-native.sh} loads them with
 * the systems' own tools and with the lab in external mode.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the embedded servers, write their endpoints to an env file, keep them up until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Option(
            names = "--systems",
            split = ",",
            required = true,
            completionCandidates = EmbeddedSystems.class,
            description = "systems with an embedded server: ${COMPLETION-CANDIDATES}")
    List<String> systems;

    /** The systems the registry has an embedded server for, for the help text. */
    static final class EmbeddedSystems implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Systems.withEmbeddedServer().iterator();
        }
    }

    @Option(
            names = "--env-file",
            required = true,
            description = "where to write the DEDUP_<SYS>_URL/_USER/_PASSWORD/_DATA_DIR lines")
    Path envFile;

    @Override
    public Integer call() throws Exception {
        for (String s : systems) {
            if (!Systems.withEmbeddedServer().contains(s)) {
                System.err.println("error: no embedded server for '" + s + "'; valid: "
                        + String.join(", ", Systems.withEmbeddedServer()));
                return 2;
            }
        }
        OutputLocation.fileIn(envFile, "the env file");
        PrintStream out = System.out;
        CountDownLatch stopped = new CountDownLatch(1);
        try (Provisioning servers = Provisioning.start(systems, out)) {
            writeEnv(servers);
            out.println("serving " + String.join(", ", systems) + "; endpoints in " + envFile
                    + "; stop with Ctrl-C or SIGTERM");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    private void writeEnv(Provisioning servers) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Endpoint e : servers.endpoints().values()) {
            StoreSystem s = Systems.get(e.system());
            lines.add(s.variable("MODE") + "=external");
            lines.add(s.variable("URL") + "=" + quoted(e.url()));
            lines.add(s.variable("USER") + "=" + quoted(e.user() == null ? "" : e.user()));
            lines.add(s.variable("PASSWORD") + "=" + quoted(e.password() == null ? "" : e.password()));
            if (e.dataDir() != null) {
                lines.add(s.variable("DATA_DIR") + "="
                        + quoted(e.dataDir().toAbsolutePath().toString()));
            }
        }
        AtomicFile.write(
                envFile,
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static String quoted(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }
}
