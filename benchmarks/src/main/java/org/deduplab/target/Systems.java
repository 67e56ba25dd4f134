package org.deduplab.target;

import java.util.List;
import org.deduplab.provision.Endpoint;
import org.deduplab.target.cockroachdb.CockroachTarget;
import org.deduplab.target.mariadb.MariaDbTarget;
import org.deduplab.target.minio.MinioTarget;
import org.deduplab.target.postgresql.PostgresTarget;
import org.deduplab.target.redis.RedisTarget;
import org.deduplab.target.s3.S3Target;

/** The systems the lab knows, and the target for each. */
public final class Systems {
    public static final List<String> ALL = List.of("postgresql", "mariadb", "cockroachdb", "redis", "s3", "minio");

    private Systems() {
    }

    public static String validValues() {
        return String.join(", ", ALL);
    }

    public static StorageTarget open(Endpoint endpoint) {
        return switch (endpoint.system()) {
            case "postgresql" -> new PostgresTarget(endpoint);
            case "mariadb" -> new MariaDbTarget(endpoint);
            case "redis" -> new RedisTarget(endpoint);
            case "cockroachdb" -> new CockroachTarget(endpoint);
            case "s3" -> new S3Target(endpoint);
            case "minio" -> new MinioTarget(endpoint);
            default -> throw new IllegalArgumentException("unknown system '" + endpoint.system() + "'; valid: " + validValues());
        };
    }
}
