package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deduplab.payloads.PayloadType;
import org.deduplab.store.Stage;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The design card's shape: one class per payload type (plus DirCorpus), each inheriting the two
 * insert stages, their two restore stages and their two generations stages from {@link StorageBenchmark},
 * where they are written once, named so that a regexp {@code restore} or {@code generations} selects
 * those alone; the system param comes from the
 * registry.
 */
class BenchmarkShapeTest {
    @Test
    void everyPayloadTypeHasAClassWithBothStagesAndTheirRestores() {
        List<String> methods = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (Stage s : Stage.values()) {
                methods.add(op.method(s));
            }
        }
        assertThat(methods)
                .containsExactly(
                        "perFile", "bulk", "restorePerFile", "restoreBulk", "generationsPerFile", "generationsBulk");
        assertThat(benchmarkMethods(StorageBenchmark.class)).containsExactlyInAnyOrderElementsOf(methods);
        for (PayloadType t : PayloadType.values()) {
            assertThat(StorageBenchmarks.classOf(t)).as(t.id()).isNotNull();
        }
        for (Class<? extends StorageBenchmark> c : StorageBenchmarks.all()) {
            // a payload class says only what it loads: no benchmark method of its own to drift from the others
            assertThat(benchmarkMethods(c)).as(c.getSimpleName()).isEmpty();
            assertThat(Modifier.isAbstract(c.getModifiers()))
                    .as(c.getSimpleName())
                    .isFalse();
        }
        for (Operation op : Operation.values()) {
            for (Stage s : Stage.values()) {
                assertThat(Operation.ofBenchmark("org.deduplab.bench.TextLog." + op.method(s)))
                        .isEqualTo(op);
                assertThat(Operation.stageOf("org.deduplab.bench.TextLog." + op.method(s)))
                        .isEqualTo(s);
            }
        }
        assertThat(StorageBenchmarks.all())
                .hasSize(PayloadType.values().length + 1)
                .doesNotHaveDuplicates();
    }

    private static List<String> benchmarkMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .toList();
    }

    @Test
    void theParamNamesSpelledOnceAreTheParamFields() {
        List<String> fields = Arrays.stream(StorageBenchmark.class.getFields())
                .filter(f -> f.isAnnotationPresent(Param.class))
                .map(Field::getName)
                .toList();
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        BenchmarkCoordinates.SYSTEM,
                        BenchmarkCoordinates.GRADE,
                        BenchmarkCoordinates.DATASET_MIB,
                        BenchmarkCoordinates.LAYOUT);
        assertThat(Arrays.stream(DirCorpus.class.getDeclaredFields())
                        .filter(f -> f.isAnnotationPresent(Param.class))
                        .map(Field::getName))
                .containsExactly(BenchmarkCoordinates.DIR);
    }

    @Test
    void theSystemParamStandsForTheRegistry() throws Exception {
        Param p = StorageBenchmark.class.getField("system").getAnnotation(Param.class);
        assertThat(p.value()).containsExactly(Systems.EVERY);
        assertThat(Systems.expand(p.value()[0])).containsExactlyElementsOf(Systems.names());
    }

    @Test
    void coordinatesComeFromTheClassOrFromAResultOfTheEarlierShape() {
        String one = Systems.names().get(0);
        String other = Systems.names().get(1);
        Map<String, String> params = Map.of("system", one, "grade", "U50", "datasetMiB", "4");
        BenchmarkCoordinates now = BenchmarkCoordinates.of("org.deduplab.bench.TextLog.bulk", params)
                .orElseThrow();
        assertThat(now)
                .isEqualTo(new BenchmarkCoordinates(
                        one, "text_log", "U50", "4", Stage.BULK, "plain", false, Operation.INSERT, ""));

        BenchmarkCoordinates dir = BenchmarkCoordinates.of(
                        "org.deduplab.bench.DirCorpus.perFile",
                        Map.of("system", other, "grade", "U0", "datasetMiB", "32", "dir", "/data/x"))
                .orElseThrow();
        assertThat(dir.payload()).isEqualTo("dir:/data/x");
        assertThat(dir.stage()).isEqualTo(Stage.PER_FILE);

        BenchmarkCoordinates old = BenchmarkCoordinates.of(
                        "org.deduplab.bench.InsertBenchmark.perFile",
                        Map.of("system", other, "payload", "versioned_doc", "grade", "U90", "datasetMiB", "32"))
                .orElseThrow();
        assertThat(old.payload()).isEqualTo("versioned_doc");
        assertThat(old.legacyShape()).isTrue();

        assertThat(BenchmarkCoordinates.of(
                        "org.deduplab.bench.PayloadBenchmark.generate", Map.of("payload", "text_log")))
                .isEmpty();
    }
}
