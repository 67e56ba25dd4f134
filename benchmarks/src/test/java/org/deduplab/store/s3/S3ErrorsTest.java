package org.deduplab.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import org.deduplab.cli.PreflightAccess;
import org.deduplab.store.minio.MinioSystem;
import org.junit.jupiter.api.Test;

/** preflight's sentences for S3 error codes, of S3 and MinIO alike. */
class S3ErrorsTest {
    static final String SYSTEM = S3System.SYSTEM.name();

    @Test
    void errorCodesBecomeTheSentenceThatSaysWhatToFix() {
        assertThat(PreflightAccess.explain(SYSTEM, s3("SignatureDoesNotMatch")))
                .isEqualTo("access denied for user 'lab': check DEDUP_S3_PASSWORD (and DEDUP_S3_USER)");
        assertThat(PreflightAccess.explain(MinioSystem.SYSTEM.name(), s3("AccessDenied")))
                .startsWith("permission denied (AccessDenied): allow s3:CreateBucket");
    }

    private static ErrorResponseException s3(String code) {
        return new ErrorResponseException(new ErrorResponse(code, "msg", "b", "o", "/b", "r", "h"), null, null);
    }
}
