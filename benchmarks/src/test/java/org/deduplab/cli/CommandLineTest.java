package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.deduplab.payloads.Manifest;
import org.deduplab.provision.ContainerServers;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** The jar's tools as a user runs them: exit codes, the one-line errors, and what lands on disk. */
class CommandLineTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    record Outcome(int code, String out, String err) {}

    static synchronized Outcome run(String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Launcher.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static List<String> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void generateWritesFilesAndManifestAndSummarizes(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ds");
        Outcome o = run(
                "generate",
                "--payload",
                "structured_json",
                "--grade",
                "U50",
                "--size",
                "2MiB",
                "--seed",
                "42",
                "--out",
                out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("structured_json U50:").contains("files").contains("copies");
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.path("spec").path("payload").asText()).isEqualTo("structured_json");
        assertThat(m.path("spec").path("seed").asLong()).isEqualTo(42);
        assertThat(m.path("files").size())
                .isEqualTo(m.path("totals").path("files").asInt())
                .isGreaterThan(10);
        JsonNode first = m.path("files").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("name", "bytes", "sha256", "duplicateOf");
        assertThat(list(out)).hasSize(m.path("files").size() + 1);
    }

    @Test
    void generateGridMakesOneDatasetPerCombination(@TempDir Path tmp) throws Exception {
        Outcome o = run(
                "generate",
                "--payload",
                "random_binary,text_log",
                "--grade",
                "U0,U90",
                "--size",
                "1MiB",
                "--out",
                tmp.resolve("grid").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(list(tmp.resolve("grid")))
                .containsExactly("random_binary-U0", "random_binary-U90", "text_log-U0", "text_log-U90");
        assertThat(o.out().lines()).hasSize(4);
    }

    @Test
    void badInputIsOneClearLineExitTwoAndNothingWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--payload", "mp4_video", "'mp4_video'", "random_binary"});
        cases.add(new String[] {"--grade", "U100", "U100", "U0..U99"});
        cases.add(new String[] {"--size", "12 apples", "'12 apples'", "64MiB"});
        cases.add(new String[] {"--payload", "dir:" + tmp.resolve("nowhere"), "nowhere", "dir:PATH"});
        cases.add(new String[] {"--payload", "mimic:" + tmp.resolve("none.json"), "none.json", "does not exist"});
        Path oldProfile =
                Files.writeString(tmp.resolve("old.json"), "{\"format\":\"dedup-lab-profile\",\"version\":0}");
        cases.add(new String[] {"--payload", "mimic:" + oldProfile, "version 0", "valid: 1"});
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(
                    "generate", "--payload", "text_log", "--grade", "U0", "--size", "1MiB", "--out", out.toString()));
            args.set(args.indexOf(c[0]) + 1, c[1]);
            Outcome o = run(args.toArray(String[]::new));
            assertThat(o.code()).as(c[1]).isEqualTo(2);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).contains(c[2]).contains(c[3]);
            assertThat(out).doesNotExist();
        }
        // missing --out
        Outcome missing = run("generate", "--payload", "text_log");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--out");
        // non-empty --out without --force
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");
        Outcome busy = run("generate", "--payload", "text_log", "--size", "1MiB", "--out", out.toString());
        assertThat(busy.code()).isEqualTo(2);
        assertThat(busy.err()).contains("not empty").contains("--force");
        assertThat(list(out)).containsExactly("precious.txt");
        assertThat(list(tmp)).containsExactly("old.json", "out");
    }

    @Test
    void profileThenGenerateAMimicAndBadProfileInputExitsTwoWritingNothing(@TempDir Path tmp) throws Exception {
        Path corpus = tmp.resolve("corpus");
        assertThat(run(
                                "generate",
                                "--payload",
                                "text_log",
                                "--grade",
                                "U30",
                                "--size",
                                "2MiB",
                                "--out",
                                corpus.toString())
                        .code())
                .isZero();
        Path profile = tmp.resolve("profile.json");
        Outcome made = run("profile", corpus.toString(), "--out", profile.toString());
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).contains("profile hash ").contains("-p payload=mimic:" + profile);
        Path mimic = tmp.resolve("mimic");
        Outcome gen = run("generate", "--payload", "mimic:" + profile, "--size", "4MiB", "--out", mimic.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(Manifest.read(mimic).files()).hasSizeGreaterThan(10);

        Outcome again = run("profile", corpus.toString(), "--out", profile.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("'" + profile + "' exists").contains("--force");
        Outcome device = run("profile", corpus.toString(), "--out", "/dev/null", "--force");
        assertThat(device.code()).isEqualTo(2);
        assertThat(device.err()).contains("'/dev/null' is not a regular file");
        assertThat(Files.isRegularFile(Path.of("/dev/null")))
                .as("/dev/null is still a device")
                .isFalse();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path none = tmp.resolve("none.json");
        for (String[] bad : List.of(
                new String[] {empty.toString(), "has no regular file"},
                new String[] {tmp.resolve("nowhere").toString(), "is not a directory"})) {
            Outcome o = run("profile", bad[0], "--out", none.toString());
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err().strip().lines()).hasSize(1);
            assertThat(o.err()).contains(bad[0]).contains(bad[1]);
            assertThat(none).doesNotExist();
        }
    }

    @Test
    void generationsOfAPayloadProfiledAsSnapshotsMimickedAndAnalyzedBadInputExitsTwo(@TempDir Path tmp)
            throws Exception {
        Path snapshots = tmp.resolve("snapshots");
        Outcome gen = run(
                "generate",
                "--payload",
                "text_log",
                "--size",
                "2MiB",
                "--generations",
                "4",
                "--out",
                snapshots.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(list(snapshots)).containsExactly("g0001", "g0002", "g0003", "g0004");
        Path profile = tmp.resolve("snapshots.profile.json");
        Outcome made = run("profile", snapshots.toString(), "--snapshots", "--out", profile.toString());
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).contains("4 snapshots:");
        Path mimic = tmp.resolve("mimic");
        Outcome m = run(
                "generate",
                "--payload",
                "mimic:" + profile,
                "--size",
                "1MiB",
                "--generations",
                "6",
                "--out",
                mimic.toString());
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(list(mimic)).hasSize(6);
        Outcome analyzed = run("analyze", mimic.toString(), "--snapshots", "--json");
        assertThat(analyzed.code()).as(analyzed.err()).isZero();
        var arrivals = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(analyzed.out())
                .get("generations");
        assertThat(arrivals).hasSize(6);
        // the first generation is all new; a later one brings less than its own bytes
        assertThat(arrivals.get(0).get("newChunkBytes").asLong())
                .isEqualTo(arrivals.get(0).get("logicalBytes").asLong());
        assertThat(arrivals.get(3).get("newChunkBytes").asLong())
                .isLessThan(arrivals.get(3).get("logicalBytes").asLong() / 2);

        Path none = tmp.resolve("none");
        for (String[] bad : List.of(
                new String[] {
                    "generate",
                    "--payload",
                    "text_log,random_binary",
                    "--size",
                    "1MiB",
                    "--generations",
                    "2",
                    "--out",
                    none.toString(),
                    "one --payload and one --grade"
                },
                new String[] {
                    "generate",
                    "--payload",
                    "text_log",
                    "--generations",
                    "2",
                    "--change",
                    "120%",
                    "--out",
                    none.toString(),
                    "120%"
                },
                new String[] {
                    "profile",
                    snapshots.resolve("g0001").toString(),
                    "--snapshots",
                    "--out",
                    none.toString(),
                    "at least 2"
                })) {
            Outcome o = run(java.util.Arrays.copyOf(bad, bad.length - 1));
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err()).contains(bad[bad.length - 1]);
            assertThat(none).doesNotExist();
        }
    }

    @Test
    void analyzeJsonHasExactlyTheDocumentedKeys(@TempDir Path tmp) throws Exception {
        Path ds = tmp.resolve("ds");
        assertThat(run(
                                "generate",
                                "--payload",
                                "versioned_doc",
                                "--grade",
                                "U50",
                                "--size",
                                "4MiB",
                                "--out",
                                ds.toString())
                        .code())
                .isZero();
        Outcome o = run("analyze", ds.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(o.out());
        assertThat(r.fieldNames())
                .toIterable()
                .containsExactly(
                        "files",
                        "logicalBytes",
                        "fileDedupRatio",
                        "block4kDedupRatio",
                        "cdcDedupRatio",
                        "zstdRatio",
                        "fileZstdRatio",
                        "cdcZstdRatio");
        JsonNode m = new ObjectMapper().readTree(ds.resolve("manifest.json").toFile());
        assertThat(r.path("files").asLong())
                .isEqualTo(m.path("totals").path("files").asLong());
        assertThat(r.path("logicalBytes").asLong())
                .isEqualTo(m.path("totals").path("logicalBytes").asLong());
        assertThat(r.path("fileDedupRatio").asDouble()).isGreaterThan(1.2);
        assertThat(r.path("cdcDedupRatio").asDouble())
                .isGreaterThan(r.path("block4kDedupRatio").asDouble());

        Outcome text = run("analyze", ds.toString());
        assertThat(text.out()).contains("cdcZstdRatio");
    }

    @Test
    void analyzeRejectsEmptyDirectoriesAndFiles(@TempDir Path tmp) throws Exception {
        Outcome empty = run("analyze", tmp.toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no regular files").doesNotContain("Exception");
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        Outcome notDir = run("analyze", file.toString());
        assertThat(notDir.code()).isEqualTo(2);
        assertThat(notDir.err()).contains("is not a directory").doesNotContain("at org.");
    }

    @Test
    void aMisspeltParamNameIsRefusedWithTheClosestOne() throws Exception {
        Outcome typo = run(
                "TextLog.bulk",
                "-p",
                "sytem=" + Systems.names().get(0),
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-wi",
                "0",
                "-i",
                "1");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err())
                .contains("unknown param 'sytem'")
                .contains("did you mean 'system'?")
                .contains("datasetMiB, grade, layout, payload, system");
        assertThat(typo.out()).doesNotContain("embedded").doesNotContain("# Fork");
    }

    @Test
    void aParamOfAnUnselectedClassIsRefusedNamingTheClass() throws Exception {
        Outcome other = run("TextLog.bulk", "-p", "threads=2", "-p", "datasetMiB=1");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err())
                .contains("unknown param 'threads'")
                .contains("only PayloadBenchmark.analyze declares it")
                .doesNotContain("did you mean");
        assertThat(other.out()).doesNotContain("# Fork");
        // the same param where its class is selected is fine (a plan, nothing run: -l lists it)
        assertThat(ParamNames.known(BenchmarkSelection.of(new CommandLineOptions("PayloadBenchmark.analyze"))))
                .contains("threads", "payload");
    }

    @Test
    void unknownMatrixValuesStopBeforeAnyFork() throws Exception {
        Outcome sys = run("-p", "system=oracle", "-p", "datasetMiB=1");
        assertThat(sys.code()).isEqualTo(2);
        assertThat(sys.err()).contains("unknown system 'oracle'").contains(Systems.validValues());
        assertThat(sys.out()).doesNotContain("embedded").doesNotContain("# Fork");

        Outcome payload = run("-p", "payload=pdfs");
        assertThat(payload.code()).isEqualTo(2);
        assertThat(payload.err()).contains("'pdfs'").contains("structured_json");

        Outcome grade = run("-p", "grade=U120");
        assertThat(grade.code()).isEqualTo(2);
        assertThat(grade.err()).contains("U120").contains("U0..U99");

        Outcome keep = run("TextLog.bulk", "-p", "system=" + SYSTEM, "-p", "generations=3", "-p", "keep=5");
        assertThat(keep.code()).isEqualTo(2);
        assertThat(keep.err()).contains("invalid keep '5': above generations=3").contains("valid: a whole number");
        assertThat(keep.out()).doesNotContain("embedded").doesNotContain("# Fork");
    }

    @Test
    void anOutputLocationThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Outcome gen =
                run("generate", "--payload", "text_log", "--grade", "U0", "--size", "1MiB", "--out", "/proc/nope");
        assertThat(gen.code()).isEqualTo(2);
        assertThat(gen.err())
                .contains("cannot write the dataset directory nope in /proc")
                .doesNotContain("Exception:")
                .doesNotContain("\tat ");
        Outcome rff =
                run("StructuredJson.bulk", "-p", "system=" + SYSTEM, "-p", "datasetMiB=1", "-rff", "/proc/nope/r.json");
        assertThat(rff.code()).isEqualTo(2);
        assertThat(rff.err()).contains("cannot write the result file r.json in /proc/nope");
        assertThat(rff.out()).doesNotContain("embedded").doesNotContain("# Fork");
        Outcome cache = run(
                "StructuredJson.bulk",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "datasetMiB=1",
                "-jvmArgsAppend",
                "-Ddedup.datasets=/proc/ds");
        assertThat(cache.code()).isEqualTo(2);
        assertThat(cache.err()).contains("cannot write the dataset cache (-Ddedup.datasets) in /proc/ds");
    }

    @Test
    void listKeepsJmhBehaviour() throws Exception {
        Outcome o = run("-l");
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains(
                        "org.deduplab.bench.TextLog.bulk",
                        "org.deduplab.bench.StructuredJson.perFile",
                        "org.deduplab.bench.DirCorpus.bulk",
                        "org.deduplab.bench.PayloadBenchmark.generate")
                .doesNotContain("StorageBenchmark.");
    }

    @Test
    void defaultMatrixCoversEverySystemAndLeavesOutThoseWithoutAnEndpoint() throws Exception {
        CommandLineOptions none = new CommandLineOptions();
        StorageMatrix all = StorageMatrix.resolve(none, BenchmarkSelection.of(none));
        assertThat(all.systems()).containsExactlyElementsOf(Systems.names());
        Map<String, String> skipped = new LinkedHashMap<>();
        Provisioning.plan(all.systems(), skipped);
        if (ContainerServers.dockerAvailable()) {
            assertThat(skipped).isEmpty(); // cockroachdb and minio run in containers
            return;
        }
        List<StoreSystem> withoutServer =
                Systems.ALL.stream().filter(s -> s.embedded().isEmpty()).toList();
        assertThat(skipped.values())
                .containsExactlyElementsOf(withoutServer.stream()
                        .map(s -> s.name() + " skipped: no endpoint (set " + s.variable("URL") + " or start Docker)")
                        .toList());
        int embedded = Systems.withEmbeddedServer().size();
        assertThat(all.without(skipped.keySet()).describe())
                .startsWith("EXPERIMENT MATRIX: 5 payload types x 3 grades x 2 stages x " + embedded + " systems = "
                        + 30 * embedded + " benchmarks");
    }

    @Test
    void helpTextsNameWhatTheRegistryAndTheLauncherHave() throws Exception {
        Outcome serve = run("serve", "--help");
        assertThat(serve.code()).isZero();
        assertThat(serve.out().replaceAll("\\s+", " "))
                .contains("systems with an embedded server: " + String.join(", ", Systems.withEmbeddedServer()));
        Outcome jmh = run("-h");
        assertThat(jmh.out()).contains("{" + String.join("|", new TreeSet<>(Launcher.TOOLS)) + "} --help");
    }
}
