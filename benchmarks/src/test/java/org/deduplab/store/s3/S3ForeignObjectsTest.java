package org.deduplab.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.deduplab.store.LabWork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lab's buckets and nothing else: another bucket and its object survive provisioning, loads and resets. */
@Tag("slow") // starts a server
class S3ForeignObjectsTest {
    static final String SYSTEM = S3System.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void whatTheLabDoesLeavesObjectsOutsideItsNamespaceAlone() throws Exception {
        Endpoint e = servers.endpoint(SYSTEM);
        plant(e);
        LabWork.loadAndReset(e, tmp);
        assertThat(survived(e)).isTrue();
    }

    static MinioClient client(Endpoint e) {
        return MinioClient.builder()
                .endpoint(e.url())
                .credentials(e.user(), e.password())
                .build();
    }

    static void plant(Endpoint e) throws Exception {
        client(e).makeBucket(MakeBucketArgs.builder().bucket("other-bucket").build());
        client(e)
                .putObject(PutObjectArgs.builder().bucket("other-bucket").object("keep.txt").stream(
                                new ByteArrayInputStream("keep".getBytes()), 4, -1)
                        .build());
    }

    static boolean survived(Endpoint e) throws Exception {
        if (!client(e)
                .bucketExists(BucketExistsArgs.builder().bucket("other-bucket").build())) {
            return false;
        }
        try (var in = client(e)
                .getObject(GetObjectArgs.builder()
                        .bucket("other-bucket")
                        .object("keep.txt")
                        .build())) {
            return new String(in.readAllBytes()).equals("keep");
        }
    }
}
