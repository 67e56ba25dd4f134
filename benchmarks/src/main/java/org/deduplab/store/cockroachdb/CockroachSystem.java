package org.deduplab.store.cockroachdb;

import java.util.List;
import java.util.Optional;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.ServerError;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Variant;
import org.testcontainers.cockroachdb.CockroachContainer;

/** CockroachDB in the registry: no embedded server; a single insecure node in a container (replication factor 1). */
public final class CockroachSystem {
    private static final String IMAGE = "cockroachdb/cockroach:v24.3.5";

    public static final StoreSystem SYSTEM = new StoreSystem(
            "cockroachdb",
            "CRDB",
            CockroachStore::new,
            List.of(clusterSetting("snappy", ""), clusterSetting("zstd", " (24.1+)")),
            Optional.empty(),
            Optional.of(new ContainerServer<>(
                    IMAGE,
                    "/cockroach/cockroach-data",
                    (password, variant) -> new CockroachContainer(IMAGE),
                    (c, password) -> c.getJdbcUrl(),
                    CockroachContainer::getUsername,
                    false)),
            user -> "GRANT CREATE ON DATABASE <database> TO " + user + "; GRANT admin TO " + user
                    + " (the lab creates schema dedup_lab; SHOW RANGES ... WITH DETAILS and crdb_internal.compact_engine_span"
                    + " need the admin role; the variants set storage.sstable.compression_algorithm during the run and restore"
                    + " it afterwards)",
            "span stats `approximate_disk_bytes` of the table's ranges (`SHOW RANGES ... WITH DETAILS`) / replica count,"
                    + " a fresh table per load, settled by `crdb_internal.compact_engine_span` on every store",
            ServerError.JDBC);

    private CockroachSystem() {}

    /** A variant that is a cluster setting: set for the run, the previous value restored when the store closes. */
    private static Variant clusterSetting(String algorithm, String note) {
        return new Variant(
                algorithm,
                "cluster setting storage.sstable.compression_algorithm = " + algorithm + note,
                false,
                Optional.of(
                        "cockroachdb:" + algorithm + " sets cluster setting storage.sstable.compression_algorithm = "
                                + algorithm + " while it runs and restores the previous value afterwards"));
    }
}
