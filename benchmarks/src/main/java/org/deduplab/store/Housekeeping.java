package org.deduplab.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a system's libraries leave in {@code $TMPDIR} and say in the log, so the launcher can clean
 * up after killed runs and keep the servers' chatter off the console without naming any system.
 *
 * @param leftovers    files and directories a killed run of it leaves in {@code $TMPDIR}
 * @param binaryCaches directories under {@code $TMPDIR} holding one extracted server binary per
 *                     version (other versions than the running one are removed)
 * @param loggers      logger packages of its embedded server's library (kept at INFO in memory, so a failed
 *                     start is reported with what the server said)
 */
public record Housekeeping(List<Leftover> leftovers, List<String> binaryCaches, List<String> loggers) {
    public static final Housekeeping NONE = new Housekeeping(List.of(), List.of(), List.of());

    /**
     * A leftover: an entry of {@code $TMPDIR} whose name matches, and (for a directory of another
     * program's naming, like {@code redis-123}) whose only entry's name matches {@code soleEntry}.
     */
    public record Leftover(Pattern name, Optional<Pattern> soleEntry) {
        public static Leftover file(String regex) {
            return new Leftover(Pattern.compile(regex), Optional.empty());
        }

        public static Leftover directoryHolding(String regex, String soleEntryRegex) {
            return new Leftover(Pattern.compile(regex), Optional.of(Pattern.compile(soleEntryRegex)));
        }

        /** Whether {@code p} is such a leftover. */
        public boolean matches(Path p) {
            if (!name.matcher(p.getFileName().toString()).matches()) {
                return false;
            }
            if (soleEntry.isEmpty()) {
                return true;
            }
            try (Stream<Path> s = Files.list(p)) {
                List<Path> in = s.toList();
                return in.size() == 1
                        && soleEntry
                                .get()
                                .matcher(in.get(0).getFileName().toString())
                                .matches();
            } catch (IOException e) {
                return false;
            }
        }
    }
}
