package org.deduplab.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.deduplab.layout.Cas;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cas reference on an object store is an empty object whose user metadata names the content
 * (S3Proxy keeps it as an empty file with attributes), and the file reads back through it.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class S3ReferencesTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of("s3"));

    @TempDir
    static Path tmp;

    @Test
    void referencesAreEmptyObjectsNamingTheContent() throws Exception {
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("structured_json", "U90", "1MiB", 3), tmp.resolve("ds"));
        Cas cas = new Cas();
        try (S3Store store = new S3Store(servers.endpoint("s3"), new StoreConfig(Optional.empty(), cas.spaces()))) {
            store.provision();
            cas.writeAll(store, ds);

            Path refs = servers.endpoint("s3").dataDir().resolve(store.bucket()).resolve(Space.REFS.id());
            try (Stream<Path> objects = Files.list(refs)) {
                List<Path> all = objects.toList();
                assertThat(all).hasSize(ds.manifest().files().size());
                for (Path p : all) {
                    assertThat(Files.size(p))
                            .as("body of reference %s", p.getFileName())
                            .isZero();
                }
            }
            for (Manifest.Entry e : ds.manifest().files()) {
                assertThat(store.get(Space.REFS, e.name()))
                        .get()
                        .extracting(h -> HexFormat.of().formatHex(h))
                        .isEqualTo(e.sha256());
                assertThat(cas.read(store, e.name()))
                        .get()
                        .extracting(b -> Sha256.hex(b))
                        .isEqualTo(e.sha256());
            }
            assertThat(store.get(Space.REFS, "no-such-file")).isEmpty();
        }
    }
}
