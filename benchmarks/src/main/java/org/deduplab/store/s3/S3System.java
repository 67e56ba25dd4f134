package org.deduplab.store.s3;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.deduplab.store.CacheReset;
import org.deduplab.store.ColdCache;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FreePort;
import org.deduplab.store.Housekeeping;
import org.deduplab.store.Secrets;
import org.deduplab.store.ServerError;
import org.deduplab.store.ServerMode;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.StoreSystem;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3 in the registry: S3Proxy on a filesystem blob store, embedded. No container of its own: for an
 * object store in a container use system {@code minio}.
 */
public final class S3System {
    public static final StoreSystem SYSTEM = new StoreSystem(
                    "s3",
                    "S3",
                    S3Store::new,
                    List.of(),
                    Optional.of(S3System::startEmbedded),
                    Optional.empty(),
                    S3System::policyFor,
                    "allocated bytes of the bucket's directory in S3Proxy's filesystem blob store (or the store's drives, with"
                            + " `DEDUP_S3_DATA_DIR`); PUT is synchronous, nothing to settle",
                    S3System::error)
            .readingOneKeyPerRequest() // one GET per key, 8 at once
            .coldCache(ColdCache.PAGE_CACHE_ONLY)
            .housekeeping(new Housekeeping(List.of(), List.of(), List.of("org.gaul")));

    private S3System() {}

    /** S3 error codes, of S3 and MinIO alike: a wrong key or secret, or a policy that does not allow the lab's buckets. */
    public static Optional<ServerError> error(Throwable t) {
        if (!(t instanceof ErrorResponseException e)) {
            return Optional.empty();
        }
        String code = e.errorResponse().code();
        if (code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
            return Optional.of(new ServerError(ServerError.Kind.ACCESS_DENIED, code));
        }
        return code.equals("AccessDenied")
                ? Optional.of(new ServerError(ServerError.Kind.PERMISSION_DENIED, code))
                : Optional.empty();
    }

    /** The policy an external store (S3 or MinIO) must grant {@code user}. */
    public static String policyFor(String user) {
        return "allow s3:CreateBucket, s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject, s3:DeleteBucket on"
                + " arn:aws:s3:::dedup-lab-* for " + user;
    }

    private static EmbeddedServer.Running startEmbedded(String system, Path dir) throws Exception {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext ctx =
                ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        int port = FreePort.pick();
        String identity = "dedup-lab";
        String secret = Secrets.password();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(ctx.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, secret)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
        Endpoint e = new Endpoint(
                system,
                ServerMode.EMBEDDED,
                "http://127.0.0.1:" + port,
                identity,
                secret,
                dir,
                Map.of("server", "S3Proxy filesystem blob store"));
        return new EmbeddedServer.Running(
                e,
                () -> {
                    proxy.stop();
                    ctx.close();
                },
                ServerProcess.inThisJvm(),
                new CacheReset.PageCacheOnly("S3Proxy's filesystem blob store reads each object from its file"));
    }
}
