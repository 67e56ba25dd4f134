package org.deduplab.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live processes of this machine and the paths each one uses, read from {@code /proc}: its
 * command line (each argument, and the value of each {@code --opt=value}), its working directory,
 * its executable and its open files. What the reaper asks before it deletes anything: which
 * processes still use this directory? Where {@code /proc} is missing it falls back to what
 * {@link ProcessHandle} says (command and arguments).
 */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    /** A live process and the paths it uses. */
    record Entry(ProcessHandle handle, List<String> paths) {
        String describe() {
            return "pid " + handle.pid() + " ("
                    + handle.info()
                            .command()
                            .map(c -> Path.of(c).getFileName().toString())
                            .orElse("?") + ")";
        }
    }

    private final List<Entry> entries;

    private ProcessTable(List<Entry> entries) {
        this.entries = entries;
    }

    /** Every live process, this one included (its own files are in use too). */
    static ProcessTable snapshot() {
        List<Entry> all = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> all.add(new Entry(p, pathsOf(p))));
        return new ProcessTable(all);
    }

    /** The live processes that use {@code path} or anything under it. */
    List<Entry> usersOf(Path path) {
        String root = path.toAbsolutePath().normalize().toString();
        return entries.stream()
                .filter(e -> e.handle().isAlive() && e.paths().stream().anyMatch(p -> under(p, root)))
                .toList();
    }

    boolean inUse(Path path) {
        return !usersOf(path).isEmpty();
    }

    private static boolean under(String candidate, String root) {
        return candidate.equals(root) || candidate.startsWith(root + "/");
    }

    private static List<String> pathsOf(ProcessHandle p) {
        List<String> paths = new ArrayList<>();
        Path proc = PROC.resolve(Long.toString(p.pid()));
        Optional<List<String>> args = commandLine(proc);
        args.or(() -> p.info().arguments().map(List::of)).orElse(List.of()).forEach(a -> {
            paths.add(a);
            int eq = a.indexOf('=');
            if (eq > 0) {
                paths.add(a.substring(eq + 1));
            }
        });
        p.info().command().ifPresent(paths::add);
        link(proc.resolve("cwd")).ifPresent(paths::add);
        link(proc.resolve("exe")).ifPresent(paths::add);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                link(fd).filter(t -> t.startsWith("/")).ifPresent(paths::add);
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or gone: what we could read is what we have
        }
        return paths;
    }

    private static Optional<List<String>> commandLine(Path proc) {
        try {
            String raw = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? Optional.empty() : Optional.of(List.of(raw.split("\0")));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> link(Path link) {
        try {
            // a deleted file reads as "PATH (deleted)"
            return Optional.of(Files.readSymbolicLink(link).toString().replaceFirst(" \\(deleted\\)$", ""));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
