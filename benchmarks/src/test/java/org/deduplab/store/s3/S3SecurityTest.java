package org.deduplab.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded S3Proxy refuses anonymous requests and wrong keys. */
@Tag("slow") // starts a server
class S3SecurityTest {
    static final String SYSTEM = S3System.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @Test
    void s3RefusesAnonymousAndWrongKeys() throws Exception {
        Endpoint s3 = servers.endpoint(SYSTEM);
        HttpURLConnection anonymous =
                (HttpURLConnection) URI.create(s3.url() + "/").toURL().openConnection();
        assertThat(anonymous.getResponseCode()).isEqualTo(403);
        MinioClient wrong = MinioClient.builder()
                .endpoint(s3.url())
                .credentials(s3.user(), "wrong-secret")
                .build();
        assertThatThrownBy(wrong::listBuckets)
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.response().code()).isEqualTo(403));
        MinioClient right = MinioClient.builder()
                .endpoint(s3.url())
                .credentials(s3.user(), s3.password())
                .build();
        assertThat(right.listBuckets()).isNotNull();
    }
}
