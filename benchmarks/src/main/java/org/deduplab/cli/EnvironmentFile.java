package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.deduplab.bench.DatasetCache;
import org.deduplab.bench.RunSettings;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.NoSpace;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.mimic.CorpusProfile;
import org.deduplab.provision.MachineFingerprint;
import org.deduplab.provision.Provisioning;
import org.deduplab.report.RunFile;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.openjdk.jmh.util.Utils;

/**
 * What was measured, written beside the results as {@code run-<ts>.env.json}: endpoints without
 * credentials, server versions and the settings that change footprint or speed, the datasets'
 * reference ratios, JVM and JMH.
 */
final class EnvironmentFile {
    private EnvironmentFile() {}

    /** Writes the environment file and prints what was measured. */
    static void write(Provisioning servers, RunPlan plan, Optional<TimeBudget> budget, PrintStream out)
            throws IOException {
        Map<String, Object> systems = write(servers, plan, budget);
        out.println();
        out.println("MEASURED ON");
        systems.forEach((name, s) -> out.println("  " + name + ": " + ((Map<?, ?>) s).get(RunFile.ENV_SETTINGS)));
        out.println("environment: " + beside(plan.resultFile()));
    }

    /**
     * Writes (or rewrites) the environment file with what the forks recorded so far, beside the result
     * and renamed into place: it is there, complete, from the first finished benchmark on.
     */
    static Map<String, Object> write(Provisioning servers, RunPlan plan) throws IOException {
        return write(servers, plan, Optional.empty());
    }

    /** The same, with the run's time budget once it is known (at the end of the run). */
    static Map<String, Object> write(Provisioning servers, RunPlan plan, Optional<TimeBudget> budget)
            throws IOException {
        Map<String, Map<String, String>> settings = RunSettings.collect(servers.dir());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", ZonedDateTime.now(ZoneOffset.UTC).toString());
        env.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.put("jmh", Utils.class.getPackage().getImplementationVersion());
        env.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores");
        env.put(
                MachineFingerprint.ENV_KEY,
                servers.machine().toMap()); // compare gates speed only between runs of the same machine
        Map<String, Object> systems = new TreeMap<>();
        for (Endpoint e : servers.endpoints().values()) {
            systems.put(e.system(), system(e, settings.getOrDefault(e.system(), Map.of())));
        }
        // each variant that ran is its own entry: postgresql:lz4 with the settings its trials saw
        settings.forEach((value, s) -> {
            Endpoint e = servers.endpoints().get(Systems.serverOf(value));
            if (!value.equals(Systems.baseOf(value)) && e != null) {
                systems.put(value, system(e, s));
            }
        });
        env.put(RunFile.ENV_SYSTEMS, systems);
        env.put(RunFile.ENV_SEED, plan.seed());
        env.put("args", plan.args()); // the command line, for --resume; credentials never travel in it
        Shard.of(plan.args().toArray(String[]::new)).ifPresent(s -> {
            env.put("shard", s.toString());
            env.put("matrix", Shard.matrixArgs(plan.args().toArray(String[]::new))); // the same in every shard
        });
        env.put(RunFile.ENV_DATASETS, referenceRatios(plan));
        budget.ifPresent(b -> env.put("timeBudget", b.toMap()));
        Path envFile = beside(plan.resultFile()).toAbsolutePath();
        try {
            // the last complete environment file stays when this one cannot be written
            AtomicFile.write(
                    envFile,
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(env));
        } catch (IOException e) {
            throw NoSpace.on(envFile.getParent(), "the environment file " + envFile.getFileName(), e);
        }
        return systems;
    }

    private static Map<String, Object> system(Endpoint e, Map<String, String> settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", e.mode().id());
        s.put("url", e.safeUrl());
        s.put(RunFile.ENV_SETTINGS, settings);
        return s;
    }

    /**
     * A dataset's ratios; a mimic's also name its profile by hash and carry the profiled corpus's own
     * ratios, for the report to set beside the mimic's.
     */
    private static Map<String, Object> withProfile(DatasetSpec spec, AnalysisResult a) {
        Map<String, Object> m = new LinkedHashMap<>(a.toMap());
        if (spec.isMimic()) {
            m.put(RunFile.ENV_PROFILE_HASH, CorpusProfile.hashOf(spec.profile()));
            m.put(RunFile.ENV_PROFILE_RATIOS, CorpusProfile.read(spec.profile()).corpusRatios());
        }
        return m;
    }

    /** {@code run-X.env.json} beside {@code run-X.json}. */
    static Path beside(Path resultFile) {
        return RunFile.beside(resultFile, RunFile.ENV_SUFFIX);
    }

    /**
     * "payload grade sizeMiB" -> the analyzer's reference ratios of that dataset, for the report; only
     * datasets the forks analyzed (the cache holds them), never recomputed here.
     */
    private static Map<String, Object> referenceRatios(RunPlan plan) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        StorageMatrix matrix = plan.matrix().orElseThrow();
        for (String payload : matrix.payloads()) {
            for (String grade : matrix.grades()) {
                for (String size : matrix.sizes()) {
                    DatasetSpec spec =
                            new DatasetSpec(payload, Grade.parse(grade), Long.parseLong(size) << 20, plan.seed());
                    DatasetCache.cachedAnalysis(spec, plan.datasets())
                            .ifPresent(a -> out.put(RunFile.datasetKey(payload, grade, size), withProfile(spec, a)));
                }
            }
        }
        return out;
    }
}
