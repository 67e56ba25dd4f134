package org.deduplab.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deduplab.provision.Provisioning;
import org.deduplab.provision.SystemConfig;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.ServerError;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.deduplab.trace.KafkaPreflight;
import org.deduplab.trace.KafkaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preflight}: before hours of benchmarking, checks every selected system — reachable,
 * authenticated, can create and drop a scratch table / key / bucket in the lab's namespace — and
 * prints one line per system with the server version, or what to fix. Exit 0 only if all pass.
 */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        description =
                "Check that each system is reachable, authenticated and lets the lab create and drop its objects.")
public final class PreflightCommand implements Callable<Integer> {
    @Option(
            names = "--systems",
            split = ",",
            completionCandidates = SystemNames.class,
            description =
                    "systems to check (default: every system that has an endpoint; the others are listed as SKIP)."
                            + " Valid: the values of -p system=: ${COMPLETION-CANDIDATES}, each also as SYSTEM:VARIANT or SYSTEM:*")
    List<String> systems;

    /** The registry's system names, for the help text. */
    static final class SystemNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Systems.ALL.stream().map(StoreSystem::name).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        // named explicitly, a system without an endpoint fails; by default it is only listed, as in the matrix
        boolean explicit = systems != null;
        if (!explicit) {
            systems = Systems.names();
        }
        // unknown systems and variants fail here, listing the valid ones
        systems = systems.stream()
                .flatMap(v -> Systems.expand(v).stream())
                .distinct()
                .toList();
        PrintStream out = System.out;
        Map<String, String> lines = new LinkedHashMap<>();
        boolean ok = true;
        List<String> servers =
                systems.stream().map(Systems::serverOf).distinct().toList();
        try (Provisioning p = Provisioning.start(servers, new PrintStream(PrintStream.nullOutputStream()))) {
            for (String system : systems) {
                String skipped = p.skipped().get(Systems.serverOf(system));
                if (skipped != null) {
                    String reason =
                            skipped.substring(skipped.indexOf(": ") + 2); // "no endpoint (set ... or start Docker)"
                    lines.put(system, (explicit ? "FAIL " : "SKIP ") + system + " — " + reason);
                    ok &= !explicit;
                    continue;
                }
                Endpoint e = p.endpoints().get(Systems.serverOf(system));
                try {
                    Checked c = check(e, Systems.variantOf(system));
                    lines.put(
                            system,
                            "OK " + system + " " + c.version() + " " + e.mode().id()
                                    + c.warning()
                                            .map(w -> " (warning: " + w + ")")
                                            .orElse(""));
                } catch (Exception ex) {
                    ok = false;
                    lines.put(
                            system,
                            "FAIL " + system + " " + e.mode().id() + " " + e.safeUrl() + " — " + explain(e, ex));
                }
            }
        }
        lines.values().forEach(out::println);
        // the trace broker, when the run will publish to one
        Optional<KafkaSettings> kafka = KafkaSettings.load();
        if (kafka.isPresent()) {
            KafkaPreflight.Result broker = KafkaPreflight.check(kafka.get());
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
            byte[] probe = "dedup-lab preflight".getBytes(StandardCharsets.UTF_8);
            t.put(Space.FILES, "preflight-probe", probe);
            footprint.settle();
            footprint.checkVariant();
            Optional<String> unavailable = footprint.unavailable();
            if (unavailable.isEmpty()) {
                footprint.bytes(); // the footprint query needs its own privileges on some systems
            }
            Optional<byte[]> back = t.get(Space.FILES, "preflight-probe");
            if (!Arrays.equals(probe, back.orElse(null)) || t.count(Space.FILES) != 1) {
                throw new IllegalStateException("wrote a probe but read back "
                        + back.map(b -> b.length + " bytes").orElse("nothing"));
            }
            Map<String, String> settings = footprint.serverSettings();
            String version = settings.getOrDefault("server_version", settings.getOrDefault("server", "?"));
            t.reset();
            // usable, but the results will say n/a for EDR: say so now, not after hours of loading
            return new Checked(version, unavailable.or(() -> changes(e, variant)));
        }
    }

    /** What a variant changes on the server while the lab measures (its registry entry says), to say before a run. */
    private static Optional<String> changes(Endpoint e, Optional<String> variant) {
        return variant.flatMap(
                v -> Systems.get(Systems.baseOf(e.system())).variant(v).notice());
    }

    /** What a passing check found: the server version, and a warning when the footprint cannot be measured. */
    public record Checked(String version, Optional<String> warning) {}

    /** One actionable sentence for a failure, naming the variable or grant to fix. Never a password. */
    static String explain(Endpoint e, Throwable ex) {
        SystemConfig cfg = SystemConfig.load(e.system());
        String user = e.user() == null || e.user().isEmpty() ? "(none)" : e.user();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = ex; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        // the system's own rules first, anywhere in the chain: a client that wraps an authentication
        // failure in "Unable to connect" (Lettuce on WRONGPASS) is still a wrong password
        ServerError.Reader reader = Systems.get(Systems.baseOf(e.system())).errors();
        for (Throwable t : chain) {
            Optional<ServerError> said = reader.read(t);
            if (said.isPresent()) {
                return sentence(said.get(), e, cfg, user);
            }
        }
        for (Throwable t : chain) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof ConnectException
                    || msg.contains("Connection refused")
                    || msg.contains("Unable to connect")) {
                return "cannot connect (" + ServerError.firstLine(msg) + "): check " + cfg.variable("URL")
                        + " and that the server is up";
            }
        }
        return ServerError.firstLine(String.valueOf(ex.getMessage())) + " ("
                + ex.getClass().getSimpleName() + ")";
    }

    /** The one sentence for a refusal the system's own rules recognised. */
    private static String sentence(ServerError said, Endpoint e, SystemConfig cfg, String user) {
        return switch (said.kind()) {
            case ACCESS_DENIED ->
                "access denied for user '" + user + "': check " + cfg.variable("PASSWORD") + " (and "
                        + cfg.variable("USER") + ")";
            case PERMISSION_DENIED -> "permission denied (" + said.detail() + "): " + grantFor(e.system(), user);
            case CANNOT_CONNECT ->
                "cannot connect (" + said.detail() + "): check " + cfg.variable("URL") + " and that the server is up";
        };
    }

    static String grantFor(String system, String user) {
        return Systems.get(system).grants().apply(user);
    }
}
