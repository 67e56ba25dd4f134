package org.deduplab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.deduplab.cli.LauncherProcess;
import org.deduplab.store.Systems;
import org.deduplab.store.SystemsRegistryTest;
import org.deduplab.store.memory.MemoryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ARCHITECTURE.md's checklists, followed on a copy of the source tree and nowhere else. "Add a
 * system": the in-memory store of the fast tests ({@code memory}: no port, no server, no driver)
 * added through the checklist's places alone is in the benchmark list, in preflight (which "starts" its
 * server and checks it), in a real run with its name on the result and in the summary, in the report,
 * in the README's table and in both CI matrices; and the guards the checklist names ask for each place
 * while its step is left out. "Add a layout": a layout {@code mirror} (plain's entries, held to the
 * file-dedup reference) added through its steps alone runs under its name, stores what plain stores,
 * and the report holds it to its own reference. A place a new system or layout needs that a checklist
 * leaves out fails here.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureChecklistsTest {
    static final Path ROOT = Path.of("..");
    static final String NAME = MemoryStore.NAME;
    static final Path TEST_JAVA = Path.of("src/test/java");
    static final String LAYOUT = "mirror";
    static final String MAIN = "benchmarks/src/main";
    static final String STORE = "org/deduplab/store/";

    Path tmp;
    Path tree;
    Path classes;
    String classpath;

    /** The checklist's steps on the copy, in its order; each names the file the guide names for it. */
    @BeforeAll
    void followTheChecklist(@TempDir Path dir) throws Exception {
        tmp = dir;
        tree = tmp.resolve("tree");
        for (String part : List.of(MAIN, "README.md", ".gitlab-ci.yml", ".github/workflows/benchmark.yml")) {
            copy(ROOT.resolve(part), tree.resolve(part));
        }
        Path java = tree.resolve(MAIN + "/java");
        // 1. the system's package: the in-memory store of the fast tests, its footprint and its StoreSystem
        copy(TEST_JAVA.resolve(STORE + NAME), java.resolve(STORE + NAME));
        // 2. Systems.java: one line in ALL
        addToRegistry(java.resolve(STORE + "Systems.java"), "org.deduplab.store." + NAME + ".MemorySystem.SYSTEM");
        // 3. the poms: nothing, it needs no client; 4. the class list: a speed-up, left out here
        // "Add a layout" 1. the class
        Path layouts = java.resolve("org/deduplab/layout/");
        write(layouts.resolve("Mirror.java"), """
                package org.deduplab.layout;

                import java.util.Collection;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import java.util.Set;
                import org.deduplab.payloads.DatasetFile;
                import org.deduplab.payloads.analyze.Technique;
                import org.deduplab.store.Space;
                import org.deduplab.store.Store;

                public record Mirror() implements Layout {
                    private static final Plain PLAIN = new Plain();

                    public String name() { return "mirror"; }
                    public Technique reference() { return Technique.FILE_ZSTD; }
                    public Dedup promise() { return Dedup.NONE; }
                    public Set<Space> spaces() { return PLAIN.spaces(); }
                    public void write(Store s, DatasetFile f) throws Exception { PLAIN.write(s, f); }
                    public void writeAll(Store s, Iterable<DatasetFile> fs) throws Exception { PLAIN.writeAll(s, fs); }
                    public long count(Store s) throws Exception { return PLAIN.count(s); }
                    public Optional<byte[]> read(Store s, String n) throws Exception { return PLAIN.read(s, n); }
                    public Map<String, byte[]> readAll(Store s, List<String> ns) throws Exception {
                        return PLAIN.readAll(s, ns);
                    }
                    public String missingPart(Store s, String n) throws Exception { return PLAIN.missingPart(s, n); }
                    public boolean delete(Store s, String n) throws Exception { return PLAIN.delete(s, n); }
                    public Expiry expire(Store s, Collection<String> gone, Collection<String> kept) throws Exception {
                        return PLAIN.expire(s, gone, kept);
                    }
                }
                """);
        // "Add a layout" 2. Layouts.java: one line in ALL
        addToRegistry(layouts.resolve("Layouts.java"), "new Mirror()");
        classes = compile(java, tree.resolve(MAIN + "/resources"));
        classpath = classes + File.pathSeparator + dependencies();
        // 5. and 6. (the CI files and the README) are text, followed in the tests below
    }

    @Test
    void theChecklistNamesTheFilesThisTestFollows() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
        String section = guide.substring(guide.indexOf("## Add a system"), guide.indexOf("## Add a layout"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile(
                        "`((?:benchmarks|scripts)/[^`]+|\\.gitlab-ci\\.yml|\\.github/[^`]+|README\\.md|pom\\.xml)`")
                .matcher(section);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named)
                .contains(
                        MAIN + "/java/" + STORE + "<name>/",
                        MAIN + "/java/" + STORE + "Systems.java",
                        ".gitlab-ci.yml",
                        ".github/workflows/benchmark.yml",
                        "README.md");
    }

    @Test
    void theLayoutChecklistNamesTheFileThisTestFollows() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
        String section = guide.substring(guide.indexOf("## Add a layout"));
        assertThat(section)
                .contains(
                        "`" + MAIN + "/java/org/deduplab/layout/`",
                        "`" + MAIN + "/java/org/deduplab/layout/Layouts.java`");
    }

    @Test
    void theBenchmarkListOffersIt() throws Exception {
        String list = launcher(60, "-lp");
        assertThat(list).contains("param \"system\" = {" + String.join(", ", Systems.names()) + ", " + NAME + "}");
    }

    @Test
    void preflightStartsItsServerAndChecksIt() throws Exception {
        assertThat(launcher(60, "preflight", "--help"))
                .contains(Systems.names().get(Systems.names().size() - 1) + ", " + NAME + ",");
        assertThat(launcher(120, "preflight", "--systems", NAME)).containsPattern("OK " + NAME + " \\S+ embedded");
    }

    @Test
    void aRunMeasuresItUnderItsNameAndTheReportHoldsTheLayoutToItsReference() throws Exception {
        Path result = tmp.resolve("run.json");
        String out = launcher(
                300,
                "StructuredJson.bulk",
                "-p",
                "system=" + NAME,
                "-p",
                "layout=plain," + LAYOUT,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-jvmArgsAppend",
                "-Ddedup.warmUpMaxLoads=0",
                "-rff",
                result.toString());
        assertThat(result).as(out).exists();
        JsonNode run = new ObjectMapper().readTree(result.toFile());
        assertThat(run).hasSize(2);
        Map<String, Double> edrOfLayout = new TreeMap<>();
        for (JsonNode b : run) {
            assertThat(b.path("params").path("system").asText()).isEqualTo(NAME);
            edrOfLayout.put(
                    b.path("params").path("layout").asText(),
                    b.path("secondaryMetrics")
                            .path("·storage.edr")
                            .path("score")
                            .asDouble());
        }
        assertThat(edrOfLayout.keySet()).containsExactly(LAYOUT, "plain");
        assertThat(edrOfLayout.get("plain"))
                .as("EDR of structured_json in memory: keys and values, no compression")
                .isBetween(0.9, 1.0);
        assertThat(out).as("the summary names it").contains(NAME + " ");
        assertThat(edrOfLayout.get(LAYOUT))
                .as("mirror keeps plain's entries")
                .isCloseTo(edrOfLayout.get("plain"), withinPercentage(2));

        Path html = tmp.resolve("report.html");
        launcher(60, "report", result.toString(), "--out", html.toString());
        assertThat(Files.readString(html))
                .contains(NAME + " · " + LAYOUT)
                .contains("limit of the same technique (file dedup + zstd-3)");
    }

    @Test
    void theReadmeTableGuardAsksForItsRowUntilStep6() throws Exception {
        Path readme = tree.resolve("README.md");
        List<String> table = copiedRegistryTable();
        assertThat(table)
                .anySatisfy(row -> assertThat(row).startsWith("| " + NAME + " | `DEDUP_MEMORY_*` | embedded |"));
        assertThat(SystemsRegistryTest.holdsTable(Files.readAllLines(readme), table))
                .isFalse();
        // 6. README.md: the systems table the registry derives
        List<String> lines = new ArrayList<>(Files.readAllLines(readme));
        int at = lines.indexOf(table.get(0));
        lines.subList(at, at + table.size() - 1).clear();
        lines.addAll(at, table);
        assertThat(SystemsRegistryTest.holdsTable(lines, table)).isTrue();
    }

    @Test
    void theCiGuardAsksForBothMatricesUntilStep5() throws Exception {
        List<String> systems = new ArrayList<>(Systems.names());
        systems.add(NAME);
        assertThat(ArchitectureGuideTest.missingFromCiMatrices(tree, systems))
                .containsExactly(".gitlab-ci.yml: " + NAME, ".github/workflows/benchmark.yml: " + NAME);
        // 5. the name in the full job matrix of both CI files
        for (String ci : ArchitectureGuideTest.CI_FILES) {
            edit(tree.resolve(ci), String.join(", ", Systems.names()) + "]", String.join(", ", systems) + "]");
        }
        assertThat(ArchitectureGuideTest.missingFromCiMatrices(tree, systems)).isEmpty();
    }

    /** Adds {@code entry} as the last element of the {@code ALL = List.of(...)} registry in {@code file}. */
    private static void addToRegistry(Path file, String entry) throws Exception {
        String text = Files.readString(file);
        Matcher m =
                Pattern.compile("ALL = List\\.of\\(([^;]*)\\);", Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(file + " holds ALL = List.of(...)").isTrue();
        Files.writeString(file, text.substring(0, m.end(1)) + ", " + entry + text.substring(m.end(1)));
    }

    /** The copy's registry table, read through a class loader of the copy's classes alone. */
    @SuppressWarnings("unchecked")
    private List<String> copiedRegistryTable() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader copy = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            return (List<String>) copy.loadClass("org.deduplab.store.SystemsTable")
                    .getMethod("markdown")
                    .invoke(null);
        }
    }

    /** The copy's launcher as a process on the copy's classes, its output when it exits within {@code seconds}. */
    private String launcher(int seconds, String... args) throws Exception {
        ProcessBuilder copy =
                new ProcessBuilder(LauncherProcess.command(classpath, List.of(), args)).directory(tmp.toFile());
        return LauncherProcess.run(tmp, copy, Map.of(), seconds).output();
    }

    /** The test's own classpath without this module's classes: the dependencies, payloads included. */
    private static String dependencies() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("classes") || e.contains("payloads"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** javac with JMH's annotation processor, as the build runs it; the resources beside the classes. */
    private Path compile(Path java, Path resources) throws Exception {
        Path out = tmp.resolve("classes");
        copy(resources, out);
        List<String> sources;
        try (Stream<Path> files = Files.walk(java)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        List<String> args = new ArrayList<>(List.of(
                "-d", out.toString(), "-cp", dependencies(), "-processorpath", dependencies(), "-encoding", "UTF-8"));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(exit)
                .as("javac of the copy: %s", errors.toString(StandardCharsets.UTF_8))
                .isZero();
        return out;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds " + from).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest);
                }
            }
        }
    }
}
