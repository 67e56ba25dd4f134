package org.deduplab.trace;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.errors.AuthenticationException;

/** {@code preflight}'s check of the trace broker: reachable, authenticated, and whether the topic exists. */
public final class KafkaPreflight {
    private KafkaPreflight() {}

    /** One line, OK or FAIL, saying what was found or what to fix. */
    public static Result check(KafkaSettings settings) {
        try (Admin admin = Admin.create(settings.client("dedup-lab-preflight"))) {
            DescribeClusterResult cluster = admin.describeCluster();
            int brokers = cluster.nodes().get(15, TimeUnit.SECONDS).size();
            String id = cluster.clusterId().get(15, TimeUnit.SECONDS);
            boolean exists =
                    admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(settings.topic());
            return new Result(
                    true,
                    "OK kafka trace " + settings.url() + " cluster " + id + " (" + brokers + " broker"
                            + (brokers == 1 ? "" : "s") + "), topic " + settings.topic()
                            + (exists
                                    ? " exists"
                                    : " does not exist yet (created on the first event where the broker auto-creates topics)"));
        } catch (ExecutionException e) {
            return failed(settings, e.getCause());
        } catch (Exception e) {
            return failed(settings, e);
        }
    }

    private static Result failed(KafkaSettings settings, Throwable e) {
        String why = e.getClass().getSimpleName() + ": " + e.getMessage();
        String fix = e instanceof AuthenticationException
                ? "check DEDUP_KAFKA_USER, DEDUP_KAFKA_PASSWORD and DEDUP_KAFKA_SASL_MECHANISM"
                : "check DEDUP_KAFKA_URL and that the broker is up";
        return new Result(false, "FAIL kafka trace " + settings.url() + " — " + why + ": " + fix);
    }

    /** Whether the broker can take the trace, and the line to print. */
    public record Result(boolean ok, String line) {}
}
