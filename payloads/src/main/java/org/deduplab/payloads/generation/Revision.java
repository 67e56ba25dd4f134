package org.deduplab.payloads.generation;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * A file revised so that a given share of the new version lies in FastCDC chunks of the old one (what
 * a mimic's changed file keeps, {@link MimicGenerations}): chunks of the old version are picked at
 * random until the rest of the target is touched, each picked chunk gets one small edit (a span of
 * 16–256 bytes in place of about as many), and a growing file gets its new bytes inserted into a picked chunk, a
 * shrinking one loses them from picked chunks. Since an edit
 * can move a chunk boundary and change the next chunk too, the result is chunked and measured, and the
 * number of chunks touched corrected, up to {@value #ATTEMPTS} tries; the closest is kept. Edit material is a mosaic of short spans of the file
 * itself, so a revised chunk compresses like the file and repeats no chunk of it.
 */
final class Revision {
    private static final int SPAN = 256;
    /** Tries at most per file, each touching more or fewer chunks after what the one before kept. */
    private static final int ATTEMPTS = 4;
    /** Close enough: the kept share within this of the target. */
    private static final double TOLERANCE = 0.02;

    private Revision() {}

    /**
     * {@code old} revised: about {@code keep} of the result in its old chunks, the result about
     * {@code growth} times as long. Always differs from {@code old}.
     */
    static byte[] revise(byte[] old, double keep, double growth, SplitMix64 rng) {
        if (old.length == 0) {
            byte[] b = new byte[16];
            rng.fill(b, 0, b.length);
            return b;
        }
        List<int[]> chunks = new ArrayList<>();
        Set<String> oldChunks = new HashSet<>();
        FastCdc.chunk(old, (d, off, n) -> {
            chunks.add(new int[] {off, n});
            oldChunks.add(key(d, off, n));
        });
        long seed = rng.nextLong();
        byte[] best = null;
        double bestError = Double.MAX_VALUE;
        double factor = 1;
        for (int attempt = 0; attempt < ATTEMPTS && bestError > TOLERANCE; attempt++) {
            byte[] b = attempt(old, chunks, keep, growth, factor, new SplitMix64(SplitMix64.mix(seed, attempt)));
            double kept = kept(oldChunks, b);
            if (Math.abs(kept - keep) < bestError) {
                best = b;
                bestError = Math.abs(kept - keep);
            }
            // the new bytes grow with the chunks touched: scale the touch by what was asked over what came
            factor *= Math.max(0.1, Math.min(10, (1 - keep + 0.01) / (1 - kept + 0.01)));
        }
        return best;
    }

    /**
     * One try: chunks picked until {@code factor} times the bytes a {@code keep} share leaves new are
     * touched, each edited, the growth inserted into one of them or the shrink cut from them.
     */
    private static byte[] attempt(
            byte[] old, List<int[]> chunks, double keep, double growth, double factor, SplitMix64 rng) {
        long newLength = Math.max(1, Math.round(old.length * growth));
        long extra = newLength - old.length;
        double touch = factor * Math.max(0, (1 - keep) * newLength - Math.max(0, extra));
        boolean[] picked = pick(chunks, touch, rng);
        int grows = extra > 0 ? pickedAt(picked, rng) : -1;
        long shrink = Math.max(0, -extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, newLength + SPAN));
        for (int c = 0; c < chunks.size(); c++) {
            int from = chunks.get(c)[0];
            int len = chunks.get(c)[1];
            if (!picked[c]) {
                out.write(old, from, len);
                continue;
            }
            int cut = (int) Math.min(shrink, len - 1L);
            shrink -= cut;
            int add = c == grows ? (int) extra : 0;
            editChunk(old, from, len, cut, add, rng, out);
        }
        return out.toByteArray();
    }

    /** The share of {@code revised}'s bytes in chunks of the old version. */
    private static double kept(Set<String> oldChunks, byte[] revised) {
        long[] kept = {0};
        FastCdc.chunk(revised, (d, off, n) -> {
            if (oldChunks.contains(key(d, off, n))) {
                kept[0] += n;
            }
        });
        return revised.length == 0 ? 0 : (double) kept[0] / revised.length;
    }

    private static String key(byte[] d, int off, int n) {
        MessageDigest sha = Sha256.digest();
        sha.update(d, off, n);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Chunks in random order until their bytes reach {@code touch}; at least one. */
    private static boolean[] pick(List<int[]> chunks, double touch, SplitMix64 rng) {
        int n = chunks.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        boolean[] picked = new boolean[n];
        long touched = 0;
        for (int i = 0; i < n && (i == 0 || touched < touch); i++) {
            int j = i + rng.nextInt(n - i);
            int c = order[j];
            order[j] = order[i];
            order[i] = c;
            picked[c] = true;
            touched += chunks.get(c)[1];
        }
        return picked;
    }

    private static int pickedAt(boolean[] picked, SplitMix64 rng) {
        int count = 0;
        for (boolean p : picked) {
            count += p ? 1 : 0;
        }
        int k = rng.nextInt(count);
        for (int c = 0; c < picked.length; c++) {
            if (picked[c] && k-- == 0) {
                return c;
            }
        }
        throw new IllegalStateException("no chunk picked");
    }

    /**
     * One chunk of {@code old} with an edit (a span of 16–256 new bytes in place of about as many old
     * ones, so later bytes shift as real edits shift them), {@code cut} bytes dropped and {@code add}
     * bytes inserted.
     */
    private static void editChunk(
            byte[] old, int from, int len, int cut, int add, SplitMix64 rng, ByteArrayOutputStream out) {
        int keepLen = len - cut;
        byte[] chunk = new byte[keepLen];
        int dropAt = cut == 0 ? 0 : rng.nextInt(len - cut + 1);
        System.arraycopy(old, from, chunk, 0, dropAt);
        System.arraycopy(old, from + dropAt + cut, chunk, dropAt, keepLen - dropAt);
        int inserted = rng.between(16, SPAN);
        int removed = Math.min(keepLen, rng.nextInt(2 * inserted + 1));
        int at = rng.nextInt(keepLen - removed + 1);
        out.write(chunk, 0, at);
        out.writeBytes(mosaic(old, inserted + add, rng));
        out.write(chunk, at + removed, keepLen - at - removed);
    }

    /** {@code n} bytes of short spans from random places of {@code source}. */
    private static byte[] mosaic(byte[] source, int n, SplitMix64 rng) {
        byte[] out = new byte[n];
        for (int at = 0; at < n; ) {
            int len = Math.min(Math.min(n - at, rng.between(16, SPAN)), source.length);
            int from = rng.nextInt(source.length - len + 1);
            System.arraycopy(source, from, out, at, len);
            at += len;
        }
        return out;
    }
}
