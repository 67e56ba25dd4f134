package org.deduplab.store;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecInContainerPattern;

/**
 * Where a server's data directories are, as far as the lab can see them: on this machine
 * (embedded servers, or {@code DEDUP_<SYS>_DATA_DIR} for an external server whose disk is mounted
 * here; several drives separated by commas), inside a container the lab started (then {@code du} runs
 * in the container), or nowhere. Allocated bytes are only ever measured, never estimated.
 */
public final class ServerFiles {
    /** Endpoint settings a container-mode server carries so forks can reach its files. */
    public static final String CONTAINER_ID = "container.id";

    public static final String CONTAINER_DATA_DIR = "container.dataDir";

    /** Whether an endpoint setting only says where the files are (not a server setting worth recording). */
    public static boolean isLocationSetting(String key) {
        return key.equals(CONTAINER_ID) || key.equals(CONTAINER_DATA_DIR);
    }

    private final List<String> roots;
    private final String containerId;

    private ServerFiles(List<String> roots, String containerId) {
        this.roots = roots;
        this.containerId = containerId;
    }

    public static ServerFiles of(Endpoint e) {
        String id = e.settings().get(CONTAINER_ID);
        if (id != null) {
            return new ServerFiles(split(e.settings().get(CONTAINER_DATA_DIR)), id);
        }
        return new ServerFiles(
                e.dataDir() == null ? List.of() : split(e.dataDir().toString()), null);
    }

    private static List<String> split(String dirs) {
        if (dirs == null || dirs.isBlank()) {
            return List.of();
        }
        return Arrays.stream(dirs.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** True when the data directories can be measured from here. */
    public boolean reachable() {
        return !roots.isEmpty();
    }

    /** Where the files are, for messages. */
    public String describe() {
        return roots.isEmpty()
                ? "not reachable"
                : (containerId == null ? "" : "container " + abbreviate(containerId) + ":") + String.join(",", roots);
    }

    /**
     * Allocated bytes of {@code relative} under every data directory (the whole directories when
     * {@code relative} is null), summed; empty when the directories are not reachable from here.
     */
    public OptionalLong allocatedBytes(String relative) throws IOException {
        if (roots.isEmpty()) {
            return OptionalLong.empty();
        }
        List<String> paths = new ArrayList<>();
        for (String root : roots) {
            paths.add(relative == null ? root : root + "/" + relative);
        }
        if (containerId == null) {
            return OptionalLong.of(
                    Disk.allocatedBytes(paths.stream().map(Path::of).toArray(Path[]::new)));
        }
        return OptionalLong.of(inContainer(paths));
    }

    /** du inside the container; paths that do not exist (a drive without the bucket yet) count as 0. */
    private long inContainer(List<String> paths) throws IOException {
        // GNU du -c still prints the total of the paths it could read (0 when none exists)
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "du -s -c -B1 -- \"$@\" 2>/dev/null | tail -n 1", "du"));
        cmd.addAll(paths);
        try {
            DockerClient docker = DockerClientFactory.instance().client();
            Container.ExecResult r = ExecInContainerPattern.execInContainer(
                    docker, docker.inspectContainerCmd(containerId).exec(), cmd.toArray(String[]::new));
            return Disk.parseTotal(r.getStdout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running du in container " + abbreviate(containerId), e);
        } catch (RuntimeException e) {
            throw new IOException("cannot run du in container " + abbreviate(containerId) + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
