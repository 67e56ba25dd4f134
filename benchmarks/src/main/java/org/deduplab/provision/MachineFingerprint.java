package org.deduplab.provision;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machine a run measured on, as far as it moves speed figures: CPU model, cores, memory, kernel,
 * the file system of the data directories, and a short fsync'd-write speed measured once per run
 * (8 MiB in 256 KiB writes, each forced to disk). Speed figures compare only between runs on the same
 * machine; storage figures compare anywhere.
 *
 * @param fsyncMBps MB/s (10^6 bytes) of the fsync'd writes; it drifts between runs of one machine
 *                  (page cache, neighbours), so two runs count as one machine when it is within a
 *                  factor of {@value #FSYNC_FACTOR} and everything else is equal
 */
public record MachineFingerprint(
        String cpu, int cores, long memoryGiB, String kernel, String filesystem, double fsyncMBps) {
    static final double FSYNC_FACTOR = 3.0;
    private static final int WRITES = 32;
    private static final int WRITE_BYTES = 256 << 10;

    /** Measures this machine, with the data file system and the fsync'd writes in {@code dataDir}. */
    public static MachineFingerprint measure(Path dataDir) throws IOException {
        return new MachineFingerprint(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                totalMemoryGiB(),
                System.getProperty("os.version"),
                filesystem(dataDir),
                fsyncMBps(dataDir));
    }

    /** What differs from {@code other}, in words; empty for the same machine. */
    public List<String> differences(MachineFingerprint other) {
        List<String> d = new ArrayList<>();
        differ(d, "CPU", cpu, other.cpu);
        differ(d, "cores", Integer.toString(cores), Integer.toString(other.cores));
        differ(d, "memory", memoryGiB + " GiB", other.memoryGiB + " GiB");
        differ(d, "kernel", kernel, other.kernel);
        differ(d, "data file system", filesystem, other.filesystem);
        double ratio = fsyncMBps / other.fsyncMBps;
        if (!(ratio <= FSYNC_FACTOR && ratio >= 1 / FSYNC_FACTOR)) {
            d.add(String.format(Locale.ROOT, "fsync'd writes %.1f vs %.1f MB/s", fsyncMBps, other.fsyncMBps));
        }
        return d;
    }

    private static void differ(List<String> out, String what, String a, String b) {
        if (!a.equals(b)) {
            out.add(what + " '" + a + "' vs '" + b + "'");
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("memoryGiB", memoryGiB);
        m.put("kernel", kernel);
        m.put("filesystem", filesystem);
        m.put("fsyncMBps", Math.round(fsyncMBps * 10) / 10.0);
        return m;
    }

    /** Its key in a run's environment file. */
    public static final String ENV_KEY = "machine";

    /** The fingerprint an environment file recorded ({@code machine}); empty for runs made before it was recorded. */
    public static Optional<MachineFingerprint> of(JsonNode env) {
        JsonNode m = env.path(ENV_KEY);
        if (!m.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new MachineFingerprint(
                m.path("cpu").asText(),
                m.path("cores").asInt(),
                m.path("memoryGiB").asLong(),
                m.path("kernel").asText(),
                m.path("filesystem").asText(),
                m.path("fsyncMBps").asDouble()));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %d GiB, kernel %s, %s, fsync'd writes %.1f MB/s",
                cpu,
                cores,
                memoryGiB,
                kernel,
                filesystem,
                fsyncMBps);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long totalMemoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024.0)))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** coreutils {@code stat -f -c %T}: ext2/ext3 (also ext4), xfs, tmpfs, overlayfs ... */
    private static String filesystem(Path dir) {
        try {
            Process p = new ProcessBuilder("stat", "-f", "-c", "%T", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !out.isEmpty()
                    ? out
                    : Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static double fsyncMBps(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".fsync-probe", ".tmp");
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(WRITE_BYTES);
            long t0 = System.nanoTime();
            for (int i = 0; i < WRITES; i++) {
                block.clear();
                ch.write(block);
                ch.force(true);
            }
            return (double) WRITES * WRITE_BYTES / ((System.nanoTime() - t0) / 1e9) / 1e6;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
