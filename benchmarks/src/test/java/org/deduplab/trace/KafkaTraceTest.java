package org.deduplab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.deduplab.cli.LauncherProcess;
import org.deduplab.store.FreePort;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace stream published to a real single-node KRaft broker started inside the test: a launcher
 * process with {@code DEDUP_KAFKA_URL} set publishes every event of its trace file, in order, keyed by
 * benchmark; with the broker down the run still finishes and says how many events it could not send;
 * {@code preflight} checks the broker.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class KafkaTraceTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    static Path brokerDir;

    private static KraftBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KraftBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theEventsConsumedBackEqualTheTraceFile() throws Exception {
        Path result = tmp.resolve("run-kafka.json");
        LauncherProcess.Finished run = launch(
                Map.of("DEDUP_KAFKA_URL", broker.bootstrap(), "DEDUP_KAFKA_TOPIC", "trace-up"),
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> trace = Files.readAllLines(tmp.resolve("run-kafka.trace.jsonl"));
        assertThat(trace).hasSizeGreaterThanOrEqualTo(2 * 3); // per benchmark: a warm-up load, a measured load, the end
        assertThat(run.output())
                .contains("trace: " + trace.size() + " events published to Kafka topic trace-up at "
                        + broker.bootstrap());
        List<ConsumerRecord<String, String>> consumed = consume("trace-up", trace.size());
        assertThat(consumed).extracting(ConsumerRecord::value).containsExactlyElementsOf(trace);
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, String> r : consumed) {
            JsonNode e = json.readTree(r.value());
            assertThat(r.key())
                    .isEqualTo(SYSTEM + "/structured_json/U0/1MiB/plain/"
                            + e.path("stage").asText());
        }
    }

    @Test
    void aBrokerThatIsDownNeitherStopsTheRunNorGoesUnreported() throws Exception {
        String nowhere = "localhost:" + FreePort.pick();
        Path result = tmp.resolve("run-down.json");
        LauncherProcess.Finished run = launch(
                Map.of("DEDUP_KAFKA_URL", nowhere),
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(new ObjectMapper().readTree(result.toFile()).size()).isEqualTo(2); // both stages measured
        int events = Files.readAllLines(tmp.resolve("run-down.trace.jsonl")).size();
        assertThat(run.output())
                .containsPattern("warning: trace: 0 of " + events + " events published to Kafka topic "
                        + KafkaSettings.DEFAULT_TOPIC + " at " + nowhere
                        + "; \\d+ send errors, \\d+ dropped \\(queue full\\), \\d+ unsent");
    }

    @Test
    void aBrokerThatGoesAwayMidRunNeitherStopsTheRunNorGoesUnreported() throws Exception {
        Path result = tmp.resolve("run-away.json");
        try (KraftBroker leaving = KraftBroker.start(Files.createDirectories(tmp.resolve("leaving")))) {
            ProcessBuilder run = new ProcessBuilder(LauncherProcess.command(
                            List.of(),
                            "StructuredJson",
                            "-p",
                            "system=" + SYSTEM,
                            "-p",
                            "grade=U0,U50,U90",
                            "-p",
                            "datasetMiB=1",
                            "-i",
                            "1",
                            "-rff",
                            result.toString(),
                            "-jvmArgsAppend",
                            "-Ddedup.datasets=" + tmp.resolve("ds")))
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("away.log").toFile());
            run.environment().put("DEDUP_KAFKA_URL", leaving.bootstrap());
            Process launcher = run.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (LauncherProcess.benchmarksIn(result) < 2 && launcher.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                leaving.close(); // the broker goes away with 4 of 6 benchmarks still to run
                assertThat(launcher.waitFor(180, TimeUnit.SECONDS)).isTrue();
            } finally {
                launcher.destroyForcibly();
            }
            String out = Files.readString(tmp.resolve("away.log"));
            assertThat(launcher.exitValue()).as(out).isZero();
            assertThat(LauncherProcess.benchmarksIn(result)).isEqualTo(6);
            int events = Files.readAllLines(tmp.resolve("run-away.trace.jsonl")).size();
            Matcher m = Pattern.compile("warning: trace: (\\d+) of " + events + " events published")
                    .matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isBetween(1, events - 1); // some arrived before it left, not all
        }
    }

    @Test
    void preflightChecksTheBroker() throws Exception {
        LauncherProcess.Finished up =
                launch(Map.of("DEDUP_KAFKA_URL", broker.bootstrap()), "preflight", "--systems", SYSTEM);
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("OK kafka trace " + broker.bootstrap() + " cluster ");
        String nowhere = "localhost:" + FreePort.pick();
        String password = "pw-" + UUID.randomUUID(); // a value that can only come from here
        LauncherProcess.Finished down = launch(
                Map.of(
                        "DEDUP_KAFKA_URL",
                        nowhere,
                        "DEDUP_KAFKA_USER",
                        "lab",
                        "DEDUP_KAFKA_PASSWORD",
                        password,
                        "DEDUP_KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT"),
                "preflight",
                "--systems",
                SYSTEM);
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.output())
                .contains("FAIL kafka trace " + nowhere)
                .contains("DEDUP_KAFKA_URL")
                .doesNotContain(password);
    }

    @Test
    void aBadSecuritySettingIsRefusedBeforeAnyWork() throws Exception {
        LauncherProcess.Finished run = launch(
                Map.of("DEDUP_KAFKA_URL", broker.bootstrap(), "DEDUP_KAFKA_SECURITY_PROTOCOL", "TLS"),
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-rff",
                tmp.resolve("run-bad.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output())
                .contains("DEDUP_KAFKA_SECURITY_PROTOCOL='TLS'")
                .contains("PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThat(tmp.resolve("run-bad.json")).doesNotExist();
    }

    private List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(out::add); // nothing more than the file holds
        }
        return out;
    }

    private LauncherProcess.Finished launch(Map<String, String> env, String... args) throws Exception {
        return LauncherProcess.run(tmp, env, List.of(), 240, args);
    }
}
