package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
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
 * The design card's shape: one class per payload type (plus DirCorpus), each with the two insert
 * stages and their two restore stages, named so that a regexp {@code restore} selects those alone;
 * params match the registry.
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
        assertThat(methods).containsExactly("perFile", "bulk", "restorePerFile", "restoreBulk");
        for (PayloadType t : PayloadType.values()) {
            Class<? extends InsertBenchmark> c = InsertBenchmarks.classOf(t);
            assertThat(c).as(t.id()).isNotNull();
            assertThat(benchmarkMethods(c)).as(c.getSimpleName()).containsExactlyInAnyOrderElementsOf(methods);
        }
        assertThat(benchmarkMethods(DirCorpus.class)).containsExactlyInAnyOrderElementsOf(methods);
        for (String m : methods) {
            assertThat(Operation.ofBenchmark("org.deduplab.bench.TextLog." + m))
                    .as(m)
                    .isEqualTo(m.startsWith("restore") ? Operation.RESTORE : Operation.INSERT);
        }
        assertThat(InsertBenchmarks.all())
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
        List<String> fields = Arrays.stream(InsertBenchmark.class.getFields())
                .filter(f -> f.isAnnotationPresent(Param.class))
                .map(Field::getName)
                .toList();
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        InsertCoordinates.SYSTEM,
                        InsertCoordinates.GRADE,
                        InsertCoordinates.DATASET_MIB,
                        InsertCoordinates.LAYOUT);
        assertThat(Arrays.stream(DirCorpus.class.getDeclaredFields())
                        .filter(f -> f.isAnnotationPresent(Param.class))
                        .map(Field::getName))
                .containsExactly(InsertCoordinates.DIR);
    }

    @Test
    void theSystemParamListsExactlyTheRegistry() throws Exception {
        Param p = InsertBenchmark.class.getField("system").getAnnotation(Param.class);
        assertThat(p.value()).containsExactlyElementsOf(Systems.names());
        for (String stage : Arrays.stream(Stage.values()).map(Stage::method).toList()) {
            assertThat(benchmarkMethods(TextLog.class)).contains(stage);
        }
    }

    @Test
    void coordinatesComeFromTheClassOrFromAResultOfTheEarlierShape() {
        Map<String, String> params = Map.of("system", "mariadb", "grade", "U50", "datasetMiB", "4");
        InsertCoordinates now =
                InsertCoordinates.of("org.deduplab.bench.TextLog.bulk", params).orElseThrow();
        assertThat(now)
                .isEqualTo(new InsertCoordinates(
                        "mariadb", "text_log", "U50", "4", Stage.BULK, "plain", false, Operation.INSERT, ""));

        InsertCoordinates dir = InsertCoordinates.of(
                        "org.deduplab.bench.DirCorpus.perFile",
                        Map.of("system", "redis", "grade", "U0", "datasetMiB", "32", "dir", "/data/x"))
                .orElseThrow();
        assertThat(dir.payload()).isEqualTo("dir:/data/x");
        assertThat(dir.stage()).isEqualTo(Stage.PER_FILE);

        InsertCoordinates old = InsertCoordinates.of(
                        "org.deduplab.bench.InsertBenchmark.perFile",
                        Map.of("system", "s3", "payload", "versioned_doc", "grade", "U90", "datasetMiB", "32"))
                .orElseThrow();
        assertThat(old.payload()).isEqualTo("versioned_doc");
        assertThat(old.legacyShape()).isTrue();

        assertThat(InsertCoordinates.of("org.deduplab.bench.PayloadBenchmark.generate", Map.of("payload", "text_log")))
                .isEmpty();
    }
}
