package org.deduplab.payloads.analyze;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import net.openhft.hashing.LongTupleHashFunction;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DirectoryCorpus;
import org.deduplab.payloads.Sha256;

/**
 * Computes the reference ratios of a set of files in one pass per file: whole-file fingerprints
 * (SHA-256 over the chunk fingerprints), fixed 4 KiB block and FastCDC chunk fingerprints (XXH3-128), zstd
 * level 3 of each file and of each unique chunk (zstd-jni). Files may be added from several threads;
 * identical bytes compress to identical sizes, so the totals do not depend on the order.
 */
public final class ReferenceAnalyzer {
    public static final int BLOCK = 4096;
    public static final int ZSTD_LEVEL = 3;

    private final Set<Fingerprint> fileSet = ConcurrentHashMap.newKeySet();
    private final Set<Fingerprint> blockSet = ConcurrentHashMap.newKeySet();
    private final Set<Fingerprint> chunkSet = ConcurrentHashMap.newKeySet();
    private final LongAdder files = new LongAdder();
    private final LongAdder logical = new LongAdder();
    private final LongAdder fileKept = new LongAdder();
    private final LongAdder blockKept = new LongAdder();
    private final LongAdder chunkKept = new LongAdder();
    private final LongAdder zstdKept = new LongAdder();
    private final LongAdder fileZstdKept = new LongAdder();
    private final LongAdder chunkZstdKept = new LongAdder();
    /** XXH3-128 for block and chunk fingerprints: 128 bits make collisions negligible at any dataset size. */
    private static final LongTupleHashFunction XXH128 = LongTupleHashFunction.xx128();

    private static final ThreadLocal<Worker> WORKER = ThreadLocal.withInitial(Worker::new);

    private record Fingerprint(long hi, long lo) {
        static Fingerprint of(byte[] d) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (d[i] & 0xFF);
                lo = (lo << 8) | (d[8 + i] & 0xFF);
            }
            return new Fingerprint(hi, lo);
        }

        byte[] bytes() {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return b;
        }
    }

    /** Per-thread hasher state, compressor and output buffer. */
    private static final class Worker {
        final long[] hash = new long[2];
        final MessageDigest fileSha = Sha256.digest();
        final ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
        byte[] out = new byte[1 << 16];

        Fingerprint fp(byte[] data, int off, int len) {
            XXH128.hashBytes(data, off, len, hash);
            return new Fingerprint(hash[0], hash[1]);
        }

        int compressedSize(byte[] data, int off, int len) {
            int bound = (int) Zstd.compressBound(len);
            if (out.length < bound) {
                out = new byte[bound];
            }
            return zstd.compressByteArray(out, 0, out.length, data, off, len);
        }
    }

    /** Adds one file and returns its zstd-3 size (what the profile attributes to its blocks). Thread-safe. */
    public int add(byte[] data) {
        Worker w = WORKER.get();
        int len = data.length;
        files.increment();
        logical.add(len);
        int zstd = w.compressedSize(data, 0, len);
        zstdKept.add(zstd);
        for (int off = 0; off < len; off += BLOCK) {
            int n = Math.min(BLOCK, len - off);
            if (blockSet.add(w.fp(data, off, n))) {
                blockKept.add(n);
            }
        }
        // the whole-file fingerprint is the digest of the file's chunk fingerprints: equal exactly
        // when the bytes are equal, without a third SHA-256 pass over the data
        MessageDigest fileDigest = w.fileSha;
        FastCdc.chunk(data, (d, off, n) -> {
            Fingerprint fp = w.fp(d, off, n);
            fileDigest.update(fp.bytes());
            if (chunkSet.add(fp)) {
                chunkKept.add(n);
                chunkZstdKept.add(w.compressedSize(d, off, n));
            }
        });
        if (fileSet.add(Fingerprint.of(fileDigest.digest()))) {
            fileKept.add(len);
            fileZstdKept.add(zstd);
        }
        return zstd;
    }

    public AnalysisResult result() {
        long l = logical.sum();
        return new AnalysisResult(
                files.sum(),
                l,
                ratio(l, fileKept.sum()),
                ratio(l, blockKept.sum()),
                ratio(l, chunkKept.sum()),
                ratio(l, zstdKept.sum()),
                ratio(l, fileZstdKept.sum()),
                ratio(l, chunkZstdKept.sum()));
    }

    private static double ratio(long logical, long kept) {
        return kept == 0 ? 0.0 : (double) logical / kept;
    }

    /**
     * Analyzes every regular file under {@code dir} (a top-level dataset manifest excluded), using
     * {@code threads} threads. A path that is not a directory, or a directory without data, is an
     * {@link BadInputException} with a message for the user.
     */
    public static AnalysisResult analyzeDirectory(Path dir, int threads) throws IOException {
        if (!Files.exists(dir)) {
            throw new BadInputException("'" + dir + "' does not exist; analyze takes a directory of files");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("'" + dir + "' is not a directory; analyze takes a directory of files");
        }
        List<String> names = DirectoryCorpus.listFiles(dir);
        if (names.isEmpty()) {
            throw new BadInputException("'" + dir + "' holds no regular files; nothing to analyze");
        }
        List<Callable<byte[]>> sources = new ArrayList<>();
        for (String name : names) {
            Path file = dir.resolve(name);
            sources.add(() -> Files.readAllBytes(file));
        }
        AnalysisResult r = analyze(sources, threads);
        if (r.logicalBytes() == 0) {
            throw new BadInputException("'" + dir + "' holds only empty files; nothing to analyze");
        }
        return r;
    }

    /**
     * Analyzes files read by {@code sources} on {@code threads} threads; at most two files per
     * thread are in memory at once.
     */
    public static AnalysisResult analyze(List<Callable<byte[]>> sources, int threads) throws IOException {
        ReferenceAnalyzer analyzer = new ReferenceAnalyzer();
        int n = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "analyzer");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(n * 2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<byte[]> source : sources) {
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        analyzer.add(source.call());
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return analyzer.result();
    }
}
