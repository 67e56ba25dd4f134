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
import java.util.concurrent.Callable;
import org.deduplab.payloads.InvalidSpecException;
import org.deduplab.provision.Endpoint;
import org.deduplab.provision.Provisioning;
import org.deduplab.provision.SystemConfig;
import org.deduplab.target.StorageTarget;
import org.deduplab.target.Systems;
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
            + " the others are listed as SKIP). Valid: postgresql, mariadb, cockroachdb, redis, s3, minio")
    List<String> systems;

    @Override
    public Integer call() throws Exception {
        // named explicitly, a system without an endpoint fails; by default it is only listed, as in the matrix
        boolean explicit = systems != null;
        if (!explicit) {
            systems = Systems.ALL;
        }
        for (String s : systems) {
            if (!Systems.ALL.contains(s)) {
                throw new InvalidSpecException("unknown system '" + s + "'; valid: " + Systems.validValues());
            }
        }
        PrintStream out = System.out;
        Map<String, String> lines = new LinkedHashMap<>();
        boolean ok = true;
        try (Provisioning p = Provisioning.start(systems, new PrintStream(PrintStream.nullOutputStream()))) {
            for (String system : systems) {
                String skipped = p.skipped().get(system);
                if (skipped != null) {
                    String reason = skipped.substring(skipped.indexOf(": ") + 2); // "no endpoint (set ... or start Docker)"
                    lines.put(system, (explicit ? "FAIL " : "SKIP ") + system + " — " + reason);
                    ok &= !explicit;
                    continue;
                }
                Endpoint e = p.endpoints().get(system);
                try {
                    Checked c = check(e);
                    lines.put(system, "OK " + system + " " + c.version() + " " + e.mode()
                            + (c.warning() == null ? "" : " (warning: " + c.warning() + ")"));
                } catch (Exception ex) {
                    ok = false;
                    lines.put(system, "FAIL " + system + " " + e.mode() + " " + e.safeUrl() + " — " + explain(e, ex));
                }
            }
        }
        lines.values().forEach(out::println);
        return ok ? 0 : 1;
    }

    /** Creates the namespace, a fresh scratch table / keyspace / bucket, writes, reads back, drops. */
    static Checked check(Endpoint e) throws Exception {
        try (StorageTarget t = Systems.open(e)) {
            t.provision();
            t.reset();
            byte[] probe = "dedup-lab preflight".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            t.insert("preflight-probe", probe);
            t.settle();
            String unavailable = t.footprintUnavailable();
            if (unavailable == null) {
                t.footprintBytes(); // the footprint query needs its own privileges on some systems
            }
            byte[] back = t.read("preflight-probe");
            if (!Arrays.equals(probe, back) || t.count() != 1) {
                throw new IllegalStateException("wrote a probe but read back " + (back == null ? "nothing" : back.length + " bytes"));
            }
            Map<String, String> settings = t.serverSettings();
            String version = settings.getOrDefault("server_version", settings.getOrDefault("server", "?"));
            t.reset();
            // usable, but the results will say n/a for EDR: say so now, not after hours of loading
            return new Checked(version, unavailable);
        }
    }

    /** What a passing check found: the server version, and a warning when the footprint cannot be measured. */
    public record Checked(String version, String warning) {
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
        return switch (system) {
            case "postgresql" -> "GRANT CREATE ON DATABASE <database> TO \"" + user + "\" (the lab creates schema dedup_lab)";
            case "mariadb" -> "GRANT ALL PRIVILEGES ON dedup_lab.* TO '" + user + "'@'%'; GRANT PROCESS, RELOAD ON *.* TO '" + user
                    + "'@'%' (the lab creates database dedup_lab, reads INNODB_SYS_TABLESPACES and flushes its table)";
            case "cockroachdb" -> "GRANT CREATE ON DATABASE <database> TO " + user + "; GRANT admin TO " + user
                    + " (the lab creates schema dedup_lab; SHOW RANGES ... WITH DETAILS and crdb_internal.compact_engine_span"
                    + " need the admin role)";
            case "redis" -> "ACL SETUSER " + user + " on ~dedup_lab:* +@all (the lab writes keys dedup_lab:*)";
            default -> "allow s3:CreateBucket, s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject, s3:DeleteBucket on"
                    + " arn:aws:s3:::dedup-lab-* for " + user;
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
