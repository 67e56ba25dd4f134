package org.deduplab.trace;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringSerializer;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.SystemConfig;

/**
 * Where the trace stream goes besides the trace file: {@code DEDUP_KAFKA_URL} (bootstrap servers),
 * {@code DEDUP_KAFKA_TOPIC} (default {@value #DEFAULT_TOPIC}), {@code DEDUP_KAFKA_USER} and
 * {@code DEDUP_KAFKA_PASSWORD} (SASL; then SASL_SSL unless {@code DEDUP_KAFKA_SECURITY_PROTOCOL}
 * says otherwise, mechanism {@code DEDUP_KAFKA_SASL_MECHANISM}, default PLAIN), each from the
 * environment or a system property of the same name. The password is kept out of {@link #toString()}.
 */
public record KafkaSettings(
        String url,
        String topic,
        Optional<String> user,
        Optional<String> password,
        String securityProtocol,
        String saslMechanism) {
    public static final String DEFAULT_TOPIC = "dedup-lab.trace";
    private static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** The settings from the environment and system properties; empty when {@code DEDUP_KAFKA_URL} is not set. */
    public static Optional<KafkaSettings> load() {
        return load(System.getenv(), System.getProperties());
    }

    public static Optional<KafkaSettings> load(Map<String, String> env, Properties props) {
        Optional<String> url = value("DEDUP_KAFKA_URL", env, props);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = value("DEDUP_KAFKA_USER", env, props);
        Optional<String> password = value("DEDUP_KAFKA_PASSWORD", env, props);
        if (user.isPresent() != password.isPresent()) {
            throw new BadInputException("DEDUP_KAFKA_USER and DEDUP_KAFKA_PASSWORD go together: "
                    + (user.isPresent() ? "DEDUP_KAFKA_PASSWORD" : "DEDUP_KAFKA_USER") + " is not set");
        }
        String protocol = oneOf(
                "DEDUP_KAFKA_SECURITY_PROTOCOL",
                value("DEDUP_KAFKA_SECURITY_PROTOCOL", env, props).orElse(user.isPresent() ? "SASL_SSL" : "PLAINTEXT"),
                PROTOCOLS);
        String mechanism = oneOf(
                "DEDUP_KAFKA_SASL_MECHANISM",
                value("DEDUP_KAFKA_SASL_MECHANISM", env, props).orElse("PLAIN"),
                MECHANISMS);
        return Optional.of(new KafkaSettings(
                url.get(),
                value("DEDUP_KAFKA_TOPIC", env, props).orElse(DEFAULT_TOPIC),
                user,
                password,
                protocol,
                mechanism));
    }

    private static String oneOf(String variable, String given, List<String> valid) {
        String v = given.trim().toUpperCase(Locale.ROOT);
        if (!valid.contains(v)) {
            throw new BadInputException(variable + "='" + given + "' is not valid; valid: " + String.join(", ", valid));
        }
        return v;
    }

    private static Optional<String> value(String name, Map<String, String> env, Properties props) {
        return SystemConfig.setting(name, env, props).filter(v -> !v.isBlank());
    }

    /** Client settings shared by the producer and the preflight admin client. */
    Properties client(String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, url);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        // a broker that is away is found out in seconds, not after the client's default minutes
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        if (user.isPresent()) {
            p.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            String module = saslMechanism.equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.put(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    module + " required username=\"" + quoted(user.get()) + "\" password=\""
                            + quoted(password.orElseThrow()) + "\";");
        }
        return p;
    }

    /** The producer: never blocks the caller for more than a second, keeps at most 8 MiB unsent. */
    Properties producer(String clientId) {
        Properties p = client(clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8L << 20));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "kafka " + url + " topic " + topic
                + user.map(u -> " user=" + u + " password=*** " + securityProtocol + "/" + saslMechanism)
                        .orElse(securityProtocol.equals("PLAINTEXT") ? "" : " " + securityProtocol);
    }
}
