package org.deduplab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md stays true: every file it names exists, every main package is in its package
 * table, and every registered system is in the job matrix of both CI files (step 5 of "Add a system").
 */
class ArchitectureGuideTest {
    static final Path ROOT = Path.of("..");
    static final Path GUIDE = ROOT.resolve("docs/ARCHITECTURE.md");
    static final List<String> CI_FILES = List.of(".gitlab-ci.yml", ".github/workflows/benchmark.yml");

    @Test
    void everyFileTheGuideNamesExists() throws Exception {
        Matcher m = Pattern.compile(
                        "`((?:benchmarks|payloads|scripts|docs)/[^`*<>]+|\\.gitlab-ci\\.yml|\\.github/[^`]+|README\\.md|pom\\.xml)`")
                .matcher(Files.readString(GUIDE));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named)
                .hasSizeGreaterThan(10)
                .allSatisfy(f -> assertThat(ROOT.resolve(f)).as(f).exists());
    }

    @Test
    void theMetricsGuideNamesEveryKeyOfAnalyze() throws Exception {
        String metrics = Files.readString(ROOT.resolve("docs/METRICS.md"));
        assertThat(AnalysisResult.KEYS).allSatisfy(k -> assertThat(metrics).contains("`" + k + "`"));
    }

    @Test
    void everyMainPackageIsDescribed() throws Exception {
        String guide = Files.readString(GUIDE);
        Path main = ROOT.resolve("benchmarks/src/main/java/org/deduplab");
        try (Stream<Path> dirs = Files.list(main)) {
            List<String> packages = dirs.filter(Files::isDirectory)
                    .map(d -> "org.deduplab." + d.getFileName())
                    .toList();
            assertThat(packages)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(guide).as(p).contains("`" + p + "`"));
        }
    }

    @Test
    void everyRegisteredSystemIsInBothCiMatrices() throws Exception {
        assertThat(missingFromCiMatrices(ROOT, Systems.names())).isEmpty();
    }

    /** The CI files under {@code root} whose {@code full} job matrix leaves out one of {@code systems}: "file: system". */
    static List<String> missingFromCiMatrices(Path root, List<String> systems) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String file : CI_FILES) {
            String matrix = Files.readAllLines(root.resolve(file)).stream()
                    .filter(l -> l.matches("\\s*(- SYSTEM|system):\\s*\\[.*\\]\\s*"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no system matrix in " + file));
            systems.stream()
                    .filter(s -> !Pattern.compile("[\\[ ,]" + s + "[,\\]]")
                            .matcher(matrix)
                            .find())
                    .forEach(s -> missing.add(file + ": " + s));
        }
        return missing;
    }

    /** The fast loop (mvn -Pfast test) leaves out every test class that starts a server or a launcher process. */
    @Test
    void everyTestThatStartsAServerOrALauncherIsTaggedSlow() throws Exception {
        Pattern starts =
                Pattern.compile("EmbeddedServersExtension\\(|EmbeddedServers\\.start|LauncherProcess\\.|KraftBroker\\."
                        + "|HeadlessChromium\\.|DebianPostgres\\.|new Runner\\(|@Testcontainers");
        List<String> untagged = new ArrayList<>();
        for (String module : List.of("benchmarks", "payloads")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module + "/src/test/java"))) {
                for (Path f : files.filter(
                                p -> p.toString().endsWith("Test.java") && !p.endsWith("ArchitectureGuideTest.java"))
                        .toList()) {
                    String src = Files.readString(f);
                    if (starts.matcher(src).find() && !src.contains("@Tag(\"slow\")")) {
                        untagged.add(f.getFileName().toString());
                    }
                }
            }
        }
        assertThat(untagged)
                .as("test classes that start servers or launchers without @Tag(\"slow\")")
                .isEmpty();
    }

    /** The README is the front door: every guide it links to is there, and it stays short enough to read. */
    @Test
    void theReadmesLinksToTheGuidesResolve() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("\\]\\((docs/[^)]+)\\)").matcher(readme);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        assertThat(links)
                .contains("docs/ARCHITECTURE.md", "docs/LONG-RUNS.md", "docs/PERFORMANCE.md", "docs/METRICS.md")
                .allSatisfy(l ->
                        assertThat(ROOT.resolve(l.replaceAll("#.*", ""))).as(l).exists());
        for (String l : links.stream().filter(l -> l.contains("#")).toList()) {
            String anchor = l.substring(l.indexOf('#') + 1);
            assertThat(Files.readAllLines(ROOT.resolve(l.substring(0, l.indexOf('#')))).stream()
                            .filter(line -> line.startsWith("#"))
                            .map(h -> h.replaceAll("^#+\\s*", "")
                                    .toLowerCase()
                                    .replaceAll("[^a-z0-9 -]", "")
                                    .replace(' ', '-')))
                    .as(l + ": a heading of that anchor")
                    .contains(anchor);
        }
        assertThat(readme.lines().count()).as("README lines").isLessThanOrEqualTo(420);
    }
}
