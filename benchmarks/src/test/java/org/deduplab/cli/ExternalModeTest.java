package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.deduplab.provision.ContainerServers;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External mode for real: the test starts servers itself, hands their URLs and credentials to the
 * lab through the DEDUP_* configuration, and checks that the lab used them (not its own embedded
 * servers), that bad credentials and dead ports fail preflight with the documented messages, that
 * passwords appear nowhere in output or results, and that objects outside the lab's namespace
 * survive a full run.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ExternalModeTest {
    static final String DB_USER = "dedup-lab";
    static final String DB_PASSWORD = "Right-Pass-7d41";
    static final String ADMIN_PASSWORD = "Admin-Pass-51aa";
    static EmbeddedServers servers;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
        Endpoint maria = servers.admin("mariadb").orElseThrow();
        try (Connection c = DriverManager.getConnection(maria.url(), maria.user(), maria.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%'");
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER IF NOT EXISTS '" + DB_USER + "'@'" + host + "' IDENTIFIED BY '" + DB_PASSWORD
                        + "'");
                // the documented grants: the lab's database, plus reading the tablespace sizes and flushing
                s.execute("GRANT ALL PRIVILEGES ON dedup_lab.* TO '" + DB_USER + "'@'" + host + "'");
                s.execute("GRANT PROCESS, RELOAD ON *.* TO '" + DB_USER + "'@'" + host + "'");
            }
            // foreign objects the lab must never touch
            s.execute("CREATE DATABASE IF NOT EXISTS otherdb");
            s.execute("CREATE TABLE IF NOT EXISTS otherdb.keep (id INT PRIMARY KEY)");
            s.execute("INSERT IGNORE INTO otherdb.keep VALUES (1)");
        }
        Endpoint pg = servers.endpoint("postgresql");
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.keep_me (id int primary key)");
            s.execute("INSERT INTO public.keep_me VALUES (1) ON CONFLICT DO NOTHING");
        }
        RedisClient redis = redisClient();
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            c.sync().set("other:key", "keep");
        } finally {
            redis.shutdown();
        }
        minio().makeBucket(MakeBucketArgs.builder().bucket("other-bucket").build());
        minio().putObject(PutObjectArgs.builder().bucket("other-bucket").object("keep.txt").stream(
                        new ByteArrayInputStream("keep".getBytes()), 4, -1)
                .build());
    }

    static RedisClient redisClient() {
        Endpoint redis = servers.endpoint("redis");
        RedisURI uri = RedisURI.create(redis.url());
        uri.setPassword(redis.password().toCharArray());
        return RedisClient.create(uri);
    }

    static MinioClient minio() {
        Endpoint s3 = servers.endpoint("s3");
        return MinioClient.builder()
                .endpoint(s3.url())
                .credentials(s3.user(), s3.password())
                .build();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @AfterEach
    void clearConfiguration() {
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("DEDUP_") || k.equals("dedup.results"))
                .forEach(System::clearProperty);
    }

    static String mariaUrl() {
        return servers.endpoint("mariadb").url().replace("localhost", "127.0.0.1");
    }

    @Test
    void preflightUsesTheExternalServerAndPassesWithTheRightPassword() throws Exception {
        System.setProperty("DEDUP_MARIADB_URL", mariaUrl());
        System.setProperty("DEDUP_MARIADB_USER", DB_USER);
        System.setProperty("DEDUP_MARIADB_PASSWORD", DB_PASSWORD);
        CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", "mariadb");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out().strip()).startsWith("OK mariadb 11.4").endsWith("external");
        assertThat(o.out() + o.err()).doesNotContain(DB_PASSWORD);
    }

    @Test
    void wrongPasswordFailsPreflightWithWhatToFix() throws Exception {
        String wrong = "Wrong-Pass-93c2";
        System.setProperty("DEDUP_MARIADB_URL", mariaUrl());
        System.setProperty("DEDUP_MARIADB_USER", DB_USER);
        System.setProperty("DEDUP_MARIADB_PASSWORD", wrong);
        CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", "mariadb,redis");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out())
                .contains("FAIL mariadb external " + mariaUrl()
                        + " — access denied for user 'dedup-lab': check DEDUP_MARIADB_PASSWORD");
        assertThat(o.out()).containsPattern("OK redis 6\\.2\\.\\d+ embedded");
        assertThat(o.out() + o.err()).doesNotContain(wrong);
    }

    @Test
    void unreachablePortFailsWithinTheConnectTimeout() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        System.setProperty("DEDUP_REDIS_URL", "redis://127.0.0.1:" + dead);
        System.setProperty("DEDUP_PG_URL", "jdbc:postgresql://127.0.0.1:" + dead + "/postgres");
        long t0 = System.nanoTime();
        CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", "redis,postgresql");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out())
                .contains("FAIL redis external redis://127.0.0.1:" + dead)
                .contains("check DEDUP_REDIS_URL");
        assertThat(o.out()).contains("FAIL postgresql external").contains("check DEDUP_PG_URL");
        assertThat(seconds).isLessThan(60);
    }

    @Test
    void aFullRunUsesExternalEndpointsLeaksNoPasswordAndLeavesForeignObjectsAlone() throws Exception {
        Endpoint pg = servers.endpoint("postgresql");
        Endpoint s3 = servers.endpoint("s3");
        System.setProperty("DEDUP_PG_URL", pg.url());
        System.setProperty("DEDUP_PG_USER", pg.user());
        System.setProperty("DEDUP_PG_PASSWORD", pg.password());
        System.setProperty("DEDUP_MARIADB_URL", mariaUrl());
        System.setProperty("DEDUP_MARIADB_USER", DB_USER);
        System.setProperty("DEDUP_MARIADB_PASSWORD", DB_PASSWORD);
        System.setProperty("DEDUP_REDIS_URL", servers.endpoint("redis").url());
        System.setProperty("DEDUP_REDIS_PASSWORD", servers.endpoint("redis").password());
        System.setProperty("DEDUP_S3_URL", s3.url());
        System.setProperty("DEDUP_S3_USER", s3.user());
        System.setProperty("DEDUP_S3_PASSWORD", s3.password());
        System.setProperty("DEDUP_S3_DATA_DIR", s3.dataDir().toString());
        // the MinIO target through the same S3 endpoint: its external path and footprint rule in a full run
        System.setProperty("DEDUP_MINIO_URL", s3.url());
        System.setProperty("DEDUP_MINIO_USER", s3.user());
        System.setProperty("DEDUP_MINIO_PASSWORD", s3.password());
        System.setProperty("DEDUP_MINIO_DATA_DIR", s3.dataDir().toString());
        Path results = tmp.resolve("results");
        System.setProperty("dedup.results", results.toString());

        CommandLineTest.Outcome o = CommandLineTest.run(
                "-p",
                "payload=structured_json",
                "-p",
                "grade=U50",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-f",
                "1",
                "-foe",
                "true",
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("datasets"));
        String all = o.out() + o.err();
        assertThat(o.code()).as(all).isZero();
        assertThat(o.out())
                .contains("EXPERIMENT MATRIX: 1 payload type x 1 grade x 2 stages x 5 systems = 10 benchmarks");
        if (!ContainerServers.dockerAvailable()) {
            assertThat(o.out()).contains("cockroachdb skipped: no endpoint (set DEDUP_CRDB_URL or start Docker)");
        }
        for (String sys : List.of("postgresql", "mariadb", "redis", "s3", "minio")) {
            assertThat(o.out()).contains("external " + sys + " at ");
        }
        assertThat(o.out()).doesNotContain("embedded postgresql ready");
        assertThat(o.out()).containsPattern("mariadb +structured_json +U50 +bulk");
        // files, logical MB, physical delta MB and EDR are numbers for MinIO, not n/a
        assertThat(o.out()).containsPattern("minio +structured_json +U50 +bulk +\\d+ +[0-9.]+ +[0-9.]+ +[0-9.]+ ");
        // credentials appear in no output and no result file
        String files;
        try (Stream<Path> s = Files.list(results)) {
            List<Path> written = s.toList();
            // run-<ts>.json, run-<ts>.env.json and the trace run-<ts>.trace.jsonl: secrets in none of them
            assertThat(written.stream().map(p -> p.getFileName().toString().replaceAll("run-[0-9TZ]+", "run")))
                    .containsExactlyInAnyOrder("run.json", "run.env.json", "run.trace.jsonl");
            StringBuilder sb = new StringBuilder();
            for (Path p : written) {
                sb.append(Files.readString(p));
            }
            files = sb.toString();
        }
        assertThat(files).contains("\"s3\" : {").contains("\"mode\" : \"external\"");
        for (String secret : List.of(
                DB_PASSWORD,
                s3.password(),
                pg.password(),
                servers.endpoint("redis").password())) {
            assertThat(all).doesNotContain(secret);
            assertThat(files).doesNotContain(secret);
        }
        // foreign objects survive
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM public.keep_me")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection(mariaUrl(), "admin", ADMIN_PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM otherdb.keep")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        RedisClient redis = redisClient();
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            assertThat(c.sync().get("other:key")).isEqualTo("keep");
        } finally {
            redis.shutdown();
        }
        assertThat(minio().bucketExists(BucketExistsArgs.builder()
                        .bucket("other-bucket")
                        .build()))
                .isTrue();
        try (var in = minio().getObject(GetObjectArgs.builder()
                .bucket("other-bucket")
                .object("keep.txt")
                .build())) {
            assertThat(new String(in.readAllBytes())).isEqualTo("keep");
        }
    }
}
