package org.deduplab.cli;

import io.minio.errors.ErrorResponseException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deduplab.provision.Provisioning;
import org.deduplab.provision.SystemConfig;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preflight}: before hours of benchmarking, checks every selected system — reachable,
 * authenticated, can create and drop a scratch table / key / bucket in the lab's namespace — and
 * prints one line per system with the server version, or what to fix. Exit 0 only if all pass.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "Check that each system is reachable, authenticated and lets the lab create and drop its objects.")
public final class PreflightCommand implements Callable<Integer> {
    @Option(names = "--systems", split = ",", description = "systems to check (default: every system that has an endpoint;"
            + " the others are listed as SKIP). Valid: the values of -p system= (postgresql, mariadb, cockroachdb, redis, s3,"
            + " minio, and variants such as postgresql:lz4 or mariadb:*)")
    List<String> systems;

    @Override
    public Integer call() throws Exception {
        // named explicitly, a system without an endpoint fails; by default it is only listed, as in the matrix
        boolean explicit = systems != null;
        if (!explicit) {
            systems = Systems.names();
        }
        // unknown systems and variants fail here, listing the valid ones
        systems = systems.stream().flatMap(v -> Systems.expand(v).stream()).distinct().toList();
        PrintStream out = System.out;
        Map<String, String> lines = new LinkedHashMap<>();
        boolean ok = true;
        List<String> servers = systems.stream().map(Systems::serverOf).distinct().toList();
        try (Provisioning p = Provisioning.start(servers, new PrintStream(PrintStream.nullOutputStream()))) {
            for (String system : systems) {
                String skipped = p.skipped().get(Systems.serverOf(system));
                if (skipped != null) {
                    String reason = skipped.substring(skipped.indexOf(": ") + 2); // "no endpoint (set ... or start Docker)"
                    lines.put(system, (explicit ? "FAIL " : "SKIP ") + system + " — " + reason);
                    ok &= !explicit;
                    continue;
                }
                Endpoint e = p.endpoints().get(Systems.serverOf(system));
                try {
                    Checked c = check(e, Systems.variantOf(system));
                    lines.put(system, "OK " + system + " " + c.version() + " " + e.mode()
                            + c.warning().map(w -> " (warning: " + w + ")").orElse(""));
                } catch (Exception ex) {
                    ok = false;
                    lines.put(system, "FAIL " + system + " " + e.mode() + " " + e.safeUrl() + " — " + explain(e, ex));
                }
            }
        }
        lines.values().forEach(out::println);
        // the trace broker, when the run will publish to one
        Optional<org.deduplab.trace.KafkaSettings> kafka = org.deduplab.trace.KafkaSettings.load();
        if (kafka.isPresent()) {
            org.deduplab.trace.KafkaPreflight.Result broker = org.deduplab.trace.KafkaPreflight.check(kafka.get());
            out.println(broker.line());
            ok &= broker.ok();
        }
        return ok ? 0 : 1;
    }

    /** Creates the namespace, a fresh scratch table / keyspace / bucket, writes, reads back, drops. */
    static Checked check(Endpoint e) throws Exception {
        return check(e, Optional.empty());
    }

    /** The same with a storage variant: the server must be able to run it, and it must take effect. */
    static Checked check(Endpoint e, Optional<String> variant) throws Exception {
        try (Store t = Systems.open(e, StoreConfig.plain(variant))) {
            FootprintProbe footprint = t.footprint();
            Optional<String> cannot = footprint.variantUnavailable();
            if (cannot.isPresent()) {
                throw new IllegalStateException(cannot.get());
            }
            t.provision();
            t.reset();
            byte[] probe = "dedup-lab preflight".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            t.put(Space.FILES, "preflight-probe", probe);
            footprint.settle();
            footprint.checkVariant();
            Optional<String> unavailable = footprint.unavailable();
            if (unavailable.isEmpty()) {
                footprint.bytes(); // the footprint query needs its own privileges on some systems
            }
            Optional<byte[]> back = t.get(Space.FILES, "preflight-probe");
            if (!Arrays.equals(probe, back.orElse(null)) || t.count(Space.FILES) != 1) {
                throw new IllegalStateException("wrote a probe but read back " + back.map(b -> b.length + " bytes").orElse("nothing"));
            }
            Map<String, String> settings = footprint.serverSettings();
            String version = settings.getOrDefault("server_version", settings.getOrDefault("server", "?"));
            t.reset();
            // usable, but the results will say n/a for EDR: say so now, not after hours of loading
            return new Checked(version, unavailable.or(() -> changes(e, variant)));
        }
    }

    /** What a variant changes on the server while the lab measures, to say before a run. */
    private static Optional<String> changes(Endpoint e, Optional<String> variant) {
        return variant.filter(v -> e.system().equals("cockroachdb")).map(v -> "cockroachdb:" + v + " sets cluster setting"
                + " storage.sstable.compression_algorithm = " + v + " while it runs and restores the previous value afterwards");
    }

    /** What a passing check found: the server version, and a warning when the footprint cannot be measured. */
    public record Checked(String version, Optional<String> warning) {
    }

    /** One actionable sentence for a failure, naming the variable or grant to fix. Never a password. */
    static String explain(Endpoint e, Throwable ex) {
        SystemConfig cfg = SystemConfig.load(e.system());
        String user = e.user() == null || e.user().isEmpty() ? "(none)" : e.user();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = ex; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                int code = sql.getErrorCode();
                if (state.equals("28P01") || state.equals("28000") || code == 1045) {
                    return "access denied for user '" + user + "': check " + cfg.variable("PASSWORD") + " (and "
                            + cfg.variable("USER") + ")";
                }
                if (state.equals("42501") || code == 1044 || code == 1142 || code == 1227) {
                    return "permission denied (" + firstLine(sql.getMessage()) + "): " + grantFor(e.system(), user);
                }
                if (state.startsWith("08")) {
                    return "cannot connect (" + firstLine(sql.getMessage()) + "): check " + cfg.variable("URL")
                            + " and that the server is up";
                }
            }
            if (t instanceof ErrorResponseException s3) {
                String code = s3.errorResponse().code();
                if (code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
                    return "access denied for user '" + user + "': check " + cfg.variable("USER") + " and " + cfg.variable("PASSWORD");
                }
                if (code.equals("AccessDenied")) {
                    return "permission denied: " + grantFor(e.system(), user);
                }
            }
            String msg = String.valueOf(t.getMessage());
            if (msg.contains("WRONGPASS") || msg.contains("NOAUTH") || msg.contains("invalid password")) {
                return "access denied for user '" + user + "': check " + cfg.variable("PASSWORD");
            }
            if (msg.contains("NOPERM")) {
                return "permission denied: " + grantFor(e.system(), user);
            }
            if (t instanceof ConnectException || msg.contains("Connection refused") || msg.contains("Unable to connect")) {
                return "cannot connect (" + firstLine(msg) + "): check " + cfg.variable("URL") + " and that the server is up";
            }
        }
        return firstLine(String.valueOf(ex.getMessage())) + " (" + ex.getClass().getSimpleName() + ")";
    }

    static String grantFor(String system, String user) {
        return Systems.get(system).grants().apply(user);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
