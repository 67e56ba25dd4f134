package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deduplab.payloads.BadInputException;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Every command the README and docs/ show, held to the code that runs it: each
 * {@code java ... -jar benchmarks/target/benchmarks.jar ARGS} parses as the launcher parses it (a tool's
 * options through picocli, a run's through JMH and the lab's plan, which refuses unknown systems,
 * payloads, grades and params), and each {@code scripts/*.sh} named exists and is executable. Nothing
 * runs: no server starts.
 */
class DocumentedCommandsTest {
    static final Path ROOT = Path.of("..");
    /** A run of the jar, by its path or as {@code $J} (the docs' blocks set {@code J=benchmarks/target/benchmarks.jar}). */
    static final Pattern COMMAND =
            Pattern.compile("java [^`\\n]*?-jar (?:benchmarks/target/benchmarks\\.jar|\\$J|\"\\$J\")([^`\\n]*)");

    static final Pattern SCRIPT = Pattern.compile("scripts/[a-z0-9-]+\\.sh");
    static final Pattern CI_STAGE = Pattern.compile("scripts/ci-benchmark\\.sh ([a-z]+)");
    static final Pattern MAVEN_PROFILE = Pattern.compile("mvn [^`\\n]*?-P([a-z,-]+)");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The arguments after the jar of every documented run, a trailing shell comment cut off. */
    static List<List<String>> commands() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = COMMAND.matcher(Files.readString(doc));
            while (m.find()) {
                String args = m.group(1).replaceAll("\\s+#.*$", "").strip();
                out.add(args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")));
            }
        }
        return out;
    }

    @Test
    void everyDocumentedCommandParsesAsTheLauncherParsesIt() throws Exception {
        List<List<String>> commands = commands();
        assertThat(commands).as("commands found in README.md and docs/").hasSizeGreaterThan(30);
        for (List<String> args : commands) {
            String[] a = args.toArray(String[]::new);
            if (!args.isEmpty() && Launcher.TOOLS.contains(args.get(0))) {
                assertThatCode(() -> Launcher.tools().parseArgs(a))
                        .as(String.join(" ", args))
                        .doesNotThrowAnyException();
            } else if (!args.contains("--resume")) { // a resumed run names a result file of its own
                assertThatCode(() -> plan(a)).as(String.join(" ", args)).doesNotThrowAnyException();
            }
        }
    }

    /**
     * The plan of a documented run. A system this machine has no server for (CockroachDB without
     * Docker or DEDUP_CRDB_URL), or a corpus directory or profile that stands for the reader's own
     * ({@code dir:/data/my-exports}, {@code mimic:exports.profile.json}), is refused for the machine, not
     * for the command: that passes.
     */
    static void plan(String[] args) throws Exception {
        Shard.of(args);
        String[] jmh = Shard.without(args);
        try {
            RunPlan.make(List.of(jmh), new CommandLineOptions(jmh));
        } catch (BadInputException e) {
            if (!e.getMessage().contains("no endpoint")
                    && !e.getMessage().contains("is not a directory")
                    && !e.getMessage().contains("does not exist; make one with: profile")) {
                throw e;
            }
        }
    }

    @Test
    void theCheckRefusesACommandWithAnUnknownSystem() {
        String[] a = {"-p", "system=postgress"};
        assertThatCode(() -> plan(a)).isInstanceOf(BadInputException.class).hasMessageContaining("postgress");
    }

    @Test
    void everyDocumentedScriptExistsAndRuns() throws IOException {
        for (Path doc : documents()) {
            Matcher m = SCRIPT.matcher(Files.readString(doc));
            while (m.find()) {
                Path script = ROOT.resolve(m.group());
                assertThat(Files.isExecutable(script))
                        .as(doc + " names " + m.group())
                        .isTrue();
            }
        }
    }

    @Test
    void everyDocumentedCiStageAndMavenProfileExists() throws IOException {
        String script = Files.readString(ROOT.resolve("scripts/ci-benchmark.sh"));
        Matcher stages = Pattern.compile("STAGES=\"([a-z ]+)\"").matcher(script);
        assertThat(stages.find()).as("scripts/ci-benchmark.sh lists its STAGES").isTrue();
        List<String> valid = List.of(stages.group(1).split(" "));
        String poms = Files.readString(ROOT.resolve("pom.xml")) + Files.readString(ROOT.resolve("benchmarks/pom.xml"));
        int checked = 0;
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            for (Matcher m = CI_STAGE.matcher(text); m.find(); checked++) {
                assertThat(valid)
                        .as(doc + ": scripts/ci-benchmark.sh " + m.group(1))
                        .contains(m.group(1));
            }
            for (Matcher m = MAVEN_PROFILE.matcher(text); m.find(); checked++) {
                for (String id : m.group(1).split(",")) {
                    assertThat(poms).as(doc + ": mvn -P" + id).contains("<id>" + id + "</id>");
                }
            }
        }
        assertThat(checked)
                .as("CI stages and Maven profiles named in README.md and docs/")
                .isGreaterThan(3);
    }
}
