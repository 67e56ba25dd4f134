package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.payloads.BadInputException;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What a command line selects, checked the way JMH itself will select: the options the launcher
 * builds, handed to JMH's own benchmark list, must yield exactly the benchmarks named.
 */
class BenchmarkSelectionTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    static Path corpus;

    /** The benchmarks JMH runs for these arguments, as short names ({@code TextLog.bulk}). */
    static List<String> runs(String... args) throws Exception {
        CommandLineOptions cmd = new CommandLineOptions(args);
        BenchmarkSelection selection = BenchmarkSelection.of(cmd);
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cmd);
        selection.applyTo(builder, cmd);
        Options options = builder.build();
        List<String> jmh = BenchmarkList.defaultList()
                .find(
                        OutputFormatFactory.createFormatInstance(
                                new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT),
                        options.getIncludes(),
                        options.getExcludes())
                .stream()
                .map(BenchmarkSelectionTest::shortName)
                .toList();
        assertThat(jmh)
                .as("what JMH runs equals the selection")
                .containsExactlyInAnyOrderElementsOf(selection.benchmarks().stream()
                        .map(BenchmarkSelectionTest::shortName)
                        .toList());
        return jmh;
    }

    private static String shortName(BenchmarkListEntry e) {
        String[] p = e.getUsername().split("\\.");
        return p[p.length - 2] + "." + p[p.length - 1];
    }

    @Test
    void theDefaultJobIsEveryPayloadClassWithBothStages() throws Exception {
        assertThat(runs())
                .containsExactlyInAnyOrder(
                        "RandomBinary.perFile",
                        "RandomBinary.bulk",
                        "StructuredJson.perFile",
                        "StructuredJson.bulk",
                        "TextLog.perFile",
                        "TextLog.bulk",
                        "VersionedDoc.perFile",
                        "VersionedDoc.bulk",
                        "CompressedMedia.perFile",
                        "CompressedMedia.bulk");
    }

    @Test
    void jmhRegexSelectsTheClass() throws Exception {
        assertThat(runs("TextLog")).containsExactlyInAnyOrder("TextLog.perFile", "TextLog.bulk");
        assertThat(runs("TextLog.bulk")).containsExactly("TextLog.bulk");
    }

    @Test
    void restoreRunsOnlyWhenARegexpSaysRestore() throws Exception {
        assertThat(runs("restore"))
                .hasSize(10)
                .allSatisfy(b -> assertThat(b).containsPattern("\\.restore(PerFile|Bulk)$"));
        assertThat(runs("TextLog.restore")).containsExactlyInAnyOrder("TextLog.restorePerFile", "TextLog.restoreBulk");
        assertThat(runs("restoreBulk", "-p", "payload=versioned_doc")).containsExactly("VersionedDoc.restoreBulk");
        assertThat(runs("TextLog", "TextLog.restoreBulk"))
                .containsExactlyInAnyOrder("TextLog.perFile", "TextLog.bulk", "TextLog.restoreBulk");
    }

    @Test
    void generationsRunWhenARegexpSaysSoOrInPlaceOfTheInsertsAGenerationParamNames() throws Exception {
        assertThat(runs("generations"))
                .hasSize(10)
                .allSatisfy(b -> assertThat(b).containsPattern("\\.generations(PerFile|Bulk)$"));
        assertThat(runs("TextLog.bulk", "-p", "generations=3")).containsExactly("TextLog.generationsBulk");
        assertThat(runs("TextLog", "-p", "keep=2", "-p", "generations=3"))
                .containsExactlyInAnyOrder("TextLog.generationsPerFile", "TextLog.generationsBulk");
        assertThat(runs("-p", "generations=2"))
                .hasSize(10)
                .allSatisfy(b -> assertThat(b).containsPattern("\\.generations(PerFile|Bulk)$"));
        // without a generation param the default job and a class's stages stay today's
        assertThat(runs("TextLog")).containsExactlyInAnyOrder("TextLog.perFile", "TextLog.bulk");
    }

    @Test
    void generationParamsMultiplyTheirBenchmarksAndBadValuesAreNamedBeforeAnyServer() throws Exception {
        StorageMatrix m = matrix(
                "TextLog.bulk", "-p", "system=" + SYSTEM, "-p", "grade=U0", "-p", "generations=3,5", "-p", "keep=2");
        assertThat(m.benchmarks()).isEqualTo(2);
        assertThat(m.describe()).contains("generations=3 (change 10%, keep 2),5 (change 10%, keep 2)");
        assertThatThrownBy(() -> matrix("TextLog.bulk", "-p", "generations=0"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("invalid generations '0'; valid: a whole number from 1, e.g. 10");
        assertThatThrownBy(() -> matrix("TextLog.bulk", "-p", "generations=3", "-p", "keep=4"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("invalid keep '4': above generations=3");
        assertThatThrownBy(() -> matrix("TextLog.bulk", "-p", "generations=3", "-p", "change=120%"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("invalid change '120%'; valid: a percentage from 0 to 100, e.g. 10%");
    }

    @Test
    void aCorpusGivesAsManyGenerationsAsItHasSnapshots(@TempDir Path tmp) throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.writeString(flat.resolve("a.txt"), "only files");
        assertThatThrownBy(() -> matrix("-p", "payload=dir:" + flat, "-p", "generations=2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no subdirectories to load as generations");
        Path snapshots = tmp.resolve("snapshots");
        for (String day : List.of("2026-01-01", "2026-01-02", "2026-01-03")) {
            Files.createDirectories(snapshots.resolve(day));
            Files.writeString(snapshots.resolve(day).resolve("a.txt"), day);
        }
        StorageMatrix three = matrix("-p", "payload=dir:" + snapshots, "-p", "grade=U0", "-p", "generations=3");
        assertThat(three.benchmarks())
                .as(three.describe())
                .isEqualTo(2 * Systems.names().size());
        assertThatThrownBy(() -> matrix("-p", "payload=dir:" + snapshots, "-p", "generations=3", "-p", "keep=1"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("it has 3 snapshot subdirectories and the run needs 4")
                .hasMessageContaining("valid: generations up to 2 with keep below it");
    }

    /** The matrix of a command line, as the launcher resolves it before any server starts. */
    private static StorageMatrix matrix(String... args) throws Exception {
        CommandLineOptions cmd = new CommandLineOptions(args);
        return StorageMatrix.resolve(cmd, BenchmarkSelection.of(cmd));
    }

    @Test
    void theCacheParamMultipliesTheRestoresOnlyAndBadValuesAreNamed() throws Exception {
        StorageMatrix warm = matrix("TextLog", "TextLog.restorePerFile", "-p", "system=" + SYSTEM, "-p", "grade=U0");
        assertThat(warm.caches()).containsExactly("warm");
        assertThat(warm.coldRestores()).isFalse();
        assertThat(warm.benchmarks()).isEqualTo(3); // perFile, bulk, restorePerFile warm
        StorageMatrix both = matrix(
                "TextLog",
                "TextLog.restorePerFile",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0",
                "-p",
                "cache=warm,cold");
        assertThat(both.coldRestores()).isTrue();
        assertThat(both.benchmarks()).isEqualTo(4); // the inserts once, the restore once per cache
        assertThat(both.describe()).contains("= 4 benchmarks").contains("restore caches=warm,cold");

        assertThatThrownBy(() -> matrix("TextLog.restorePerFile", "-p", "cache=tepid"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("invalid cache 'tepid'; valid: warm, cold");
        assertThatThrownBy(() -> matrix("TextLog", "-p", "cache=cold"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("-p cache=cold applies to the restore benchmarks, and none is selected");
    }

    @Test
    void payloadParamSelectsExactlyThosePayloads() throws Exception {
        assertThat(runs("-p", "payload=text_log,versioned_doc"))
                .containsExactlyInAnyOrder(
                        "TextLog.perFile", "TextLog.bulk", "VersionedDoc.perFile", "VersionedDoc.bulk");
        // a stage regexp narrows it further: JMH's own regexps never widen a payload selection
        assertThat(runs("bulk", "-p", "payload=text_log")).containsExactly("TextLog.bulk");
    }

    @Test
    void aDirPayloadSelectsTheCorpusClass() throws Exception {
        String dir = corpus.toString();
        assertThat(runs("-p", "payload=dir:" + dir)).containsExactlyInAnyOrder("DirCorpus.perFile", "DirCorpus.bulk");
        BenchmarkSelection s = BenchmarkSelection.of(new CommandLineOptions("-p", "payload=dir:" + dir));
        assertThat(s.dirs()).containsExactly(dir);
        assertThat(s.payloads()).containsExactly("dir:" + dir);
        assertThat(runs("-p", "payload=random_binary,dir:" + dir))
                .containsExactlyInAnyOrder(
                        "RandomBinary.perFile", "RandomBinary.bulk", "DirCorpus.perFile", "DirCorpus.bulk");
    }

    @Test
    void theCorpusClassWithoutACorpusIsAClearError() throws Exception {
        assertThatThrownBy(() -> BenchmarkSelection.of(new CommandLineOptions("DirCorpus")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("DirCorpus needs a corpus: -p payload=dir:PATH");
        assertThatThrownBy(() -> BenchmarkSelection.of(new CommandLineOptions("-p", "payload=dir:/no/such/dir")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'/no/such/dir' is not a directory");
    }

    @Test
    void otherBenchmarksKeepTheirPayloadParam() throws Exception {
        assertThat(runs("PayloadBenchmark.generate", "-p", "payload=text_log"))
                .containsExactly("PayloadBenchmark.generate");
    }
}
