package org.deduplab.store.s3;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.ReadUnits;
import org.deduplab.store.ServerFiles;
import org.deduplab.store.Space;
import org.deduplab.store.Systems;
import org.deduplab.store.VariantNotInEffectException;
import org.deduplab.store.minio.MinioSystem;

/**
 * An object store's footprint of the current bucket: the allocated bytes of the bucket's directory
 * on every drive of the store (a filesystem blob store keeps one file per object there; MinIO keeps
 * erasure-coded shards and {@code xl.meta} there, which leaves {@code .minio.sys} out). Where the
 * drives are not reachable from here the footprint is unavailable: never a made-up number, and never
 * MinIO's admin "data usage", which a background scanner fills in minutes later.
 */
public final class BucketFootprint implements FootprintProbe {
    private final S3Store store;
    /** Where the store's data directories are (the bucket is a directory in each), as far as they are reachable. */
    private final ServerFiles drives;

    BucketFootprint(S3Store store) {
        this.store = store;
        this.drives = ServerFiles.of(store.endpoint());
    }

    /** PUT returns after the object is stored: nothing to settle. */
    @Override
    public void settle() {}

    @Override
    public Optional<String> unavailable() {
        if (drives.reachable()) {
            return Optional.empty();
        }
        return Optional.of(
                store.system() + " footprint unavailable: the store's data directory is not reachable from here (set "
                        + Systems.get(store.system()).variable("DATA_DIR")
                        + " to where its drives are mounted); allocated bytes of"
                        + " the bucket are the only footprint the lab trusts");
    }

    @Override
    public long bytes() throws Exception {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new UnsupportedOperationException(why.get());
        }
        return drives.allocatedBytes(store.bucket()).orElseThrow();
    }

    /** The objects the restore read: one object per entry, so the count is the distinct keys asked for. */
    @Override
    public ReadUnits readUnits() {
        return new ReadUnits() {
            @Override
            public String unit() {
                return "objects";
            }

            @Override
            public long mark() {
                return 0;
            }

            @Override
            public long count(long mark, Map<Space, Set<String>> keysRead) {
                return keysRead.values().stream().mapToLong(Set::size).sum();
            }
        };
    }

    @Override
    public OptionalLong diskBytes() throws Exception {
        return drives.allocatedBytes(null);
    }

    /**
     * {@code minio:compressed} needs a MinIO that compresses: the lab never reconfigures a server, so
     * it writes a 1 MiB compressible probe into a scratch bucket and refuses the variant when the
     * probe's allocated bytes on the drives show no compression (or the drives cannot be measured).
     */
    @Override
    public Optional<String> variantUnavailable() throws Exception {
        if (!store.config().is(MinioSystem.COMPRESSED)) {
            return Optional.empty();
        }
        String value = store.system() + ":" + MinioSystem.COMPRESSED;
        if (!drives.reachable()) {
            return Optional.of(value + " refused: compression cannot be seen where the drives are not reachable (set "
                    + Systems.get(store.system()).variable("DATA_DIR") + ")");
        }
        long allocated = compressionProbe();
        return allocated < PROBE.length / 2
                ? Optional.empty()
                : Optional.of(value + " refused: this " + store.system()
                        + " does not compress (a 1 MiB compressible probe took " + allocated
                        + " bytes on its drives); the lab never"
                        + " reconfigures a server: enable it with mc admin config set ALIAS compression enable=on extensions="
                        + " mime_types=, or let the lab start MinIO in a container");
    }

    /** After a load: the server still compresses (the probe again). */
    @Override
    public void checkVariant() throws Exception {
        Optional<String> off = variantUnavailable();
        if (off.isPresent()) {
            throw new VariantNotInEffectException(off.get());
        }
    }

    /** 1 MiB of log-like text: any compressor keeps a small fraction of it. */
    private static final byte[] PROBE =
            ("2026-01-01T00:00:00Z INFO dedup-lab compression probe, the same line again and again\n")
                    .repeat((1 << 20) / 80)
                    .getBytes(StandardCharsets.US_ASCII);

    /** Allocated bytes of a scratch bucket holding only the probe. */
    private long compressionProbe() throws Exception {
        return store.inScratchBucket(
                "probe.log", PROBE, scratch -> drives.allocatedBytes(scratch).orElseThrow());
    }

    @Override
    public Map<String, String> serverSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server", store.endpoint().settings().getOrDefault("server", "S3-compatible endpoint"));
        store.endpoint().settings().forEach((k, v) -> {
            if (!ServerFiles.isLocationSetting(k)) {
                m.put(k, v);
            }
        });
        m.put(
                "footprint",
                drives.reachable()
                        ? "allocated bytes of the bucket directories"
                        : "unavailable (data directories not reachable)");
        return m;
    }
}
