package org.deduplab.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.deduplab.bench.BenchmarkCoordinates;

/**
 * Publishes the run's trace to Kafka as it grows: the launcher follows the trace file (which the
 * forks and the launcher append to) and sends each new line, keyed by its benchmark, to the topic.
 * The benchmarks never wait for Kafka: they only append to the file; this runs in the launcher,
 * behind a bounded queue ({@value #QUEUE} events; beyond that events are dropped and counted), with
 * a producer that blocks at most a second per send. A broker that is down or goes away costs the
 * run at most {@link #DRAIN} at its end; what could not be sent is counted and reported.
 */
public final class KafkaTracePublisher implements AutoCloseable {
    static final int QUEUE = 10_000;
    static final Duration DRAIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaSettings settings;
    private final Path file;
    private final Producer<String, String> producer;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Thread follower;
    private final Thread sender;
    private volatile boolean stopping;
    private volatile boolean followed;
    private long offset;

    private KafkaTracePublisher(KafkaSettings settings, Path file, String runId) {
        this.settings = settings;
        this.file = file;
        this.offset = file.toFile().length(); // a resumed run's earlier events were sent before (0 when absent)
        this.producer = new KafkaProducer<>(settings.producer("dedup-lab-" + runId));
        this.follower = new Thread(this::follow, "dedup-lab-trace-follower");
        this.sender = new Thread(this::send, "dedup-lab-trace-sender");
        follower.setDaemon(true);
        sender.setDaemon(true);
        follower.start();
        sender.start();
    }

    /** Starts publishing {@code file} to Kafka as it grows. */
    public static KafkaTracePublisher start(KafkaSettings settings, Path file, String runId) {
        return new KafkaTracePublisher(settings, file, runId);
    }

    private void follow() {
        try {
            while (!stopping) {
                readNewLines();
                Thread.sleep(100);
            }
            readNewLines(); // what was appended before the stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            firstError.compareAndSet(null, "cannot read the trace " + file + ": " + e.getMessage());
        } finally {
            followed = true;
        }
    }

    private void readNewLines() throws IOException {
        if (!Files.exists(file) || Files.size(file) <= offset) {
            return;
        }
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') { // only whole lines: a line being written is taken next time
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                read.incrementAndGet();
                if (!queue.offer(line)) {
                    dropped.incrementAndGet();
                }
                start = i + 1;
            }
        }
        offset += start;
    }

    private void send() {
        while (!(followed && queue.isEmpty())) {
            String line;
            try {
                line = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (line != null) {
                sendOne(line);
            }
        }
    }

    private void sendOne(String line) {
        try {
            producer.send(new ProducerRecord<>(settings.topic(), key(line), line), (metadata, error) -> {
                if (error == null) {
                    delivered.incrementAndGet();
                } else {
                    failed(error);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /**
     * The record key: the benchmark the event belongs to, as its coordinates (system, payload, grade,
     * dataset size, layout, stage), so that every event of one benchmark lands in one partition, in order.
     */
    static String key(String line) {
        try {
            JsonNode e = JSON.readTree(line);
            if (e.has(BenchmarkCoordinates.PAYLOAD) && e.has(BenchmarkCoordinates.STAGE)) {
                return e.path(BenchmarkCoordinates.SYSTEM).asText() + "/"
                        + e.path(BenchmarkCoordinates.PAYLOAD).asText() + "/"
                        + e.path(BenchmarkCoordinates.GRADE).asText() + "/"
                        + e.path(BenchmarkCoordinates.DATASET_MIB).asText() + "MiB/"
                        + e.path(BenchmarkCoordinates.LAYOUT).asText() + "/"
                        + e.path(BenchmarkCoordinates.STAGE).asText();
            }
            return e.path("benchmark").asText(e.path("event").asText());
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops following once the file holds everything, waits up to {@link #DRAIN} for the sends, and closes the producer. */
    @Override
    public void close() {
        stopping = true;
        long end = System.nanoTime() + DRAIN.toNanos();
        try {
            follower.join(DRAIN.toMillis());
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            sender.interrupt();
            producer.close(Duration.ofMillis(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close(Duration.ZERO);
        }
    }

    /** What happened, counted: events read from the trace, delivered, failed to send, dropped, not sent by the end. */
    public Tally tally() {
        long unsent = read.get() - delivered.get() - failed.get() - dropped.get();
        return new Tally(
                read.get(),
                delivered.get(),
                failed.get(),
                dropped.get(),
                Math.max(0, unsent),
                Optional.ofNullable(firstError.get()));
    }

    /** The publication's counts; {@link #line} is printed at the end of the run. */
    public record Tally(
            long events, long delivered, long sendErrors, long dropped, long unsent, Optional<String> firstError) {
        public boolean complete() {
            return delivered == events;
        }
    }

    /** One line for the end of the run, naming the topic and broker (never the credentials). */
    public String line() {
        Tally t = tally();
        String where = "Kafka topic " + settings.topic() + " at " + settings.url();
        if (t.complete()) {
            return "trace: " + t.delivered() + " events published to " + where;
        }
        return "warning: trace: " + t.delivered() + " of " + t.events() + " events published to " + where + "; "
                + t.sendErrors()
                + " send errors, " + t.dropped() + " dropped (queue full), " + t.unsent() + " unsent at the end"
                + t.firstError().map(e -> "; first error: " + e).orElse("") + " (the trace file has them all)";
    }
}
