package org.deduplab.payloads.generation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deduplab.payloads.PayloadType;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * How a file of each payload type changes from one generation to the next, the way such data changes
 * in life: a document is revised in a place or two, a log grows at its end, JSON records are updated
 * in place, a binary or a media file has a part replaced (a media file's header kept). New material
 * (log lines, records, text) comes from the payload's own generator, so an edit looks like the data.
 */
final class Edits {
    /** Bytes at the start of a media file that an edit leaves alone: its container header. */
    static final int MEDIA_HEADER = 512;

    private Edits() {}

    /** {@code previous} edited once; {@code material} is fresh content of the same payload type. */
    static byte[] edit(PayloadType type, byte[] previous, SplitMix64 rng, byte[] material) {
        return switch (type) {
            case VERSIONED_DOC -> revise(previous, rng, material);
            case TEXT_LOG -> append(previous, rng, material);
            case STRUCTURED_JSON -> updateRecords(previous, rng, material);
            case RANDOM_BINARY -> replaceRange(previous, rng, 0);
            case COMPRESSED_MEDIA -> replaceRange(previous, rng, Math.min(MEDIA_HEADER, previous.length / 8));
        };
    }

    /** One or two edits of 16–512 bytes: an insert of new text, a deletion, or a replacement. */
    static byte[] revise(byte[] previous, SplitMix64 rng, byte[] material) {
        byte[] out = previous;
        int edits = 1 + rng.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int len = rng.between(16, 512);
            int at = out.length == 0 ? 0 : rng.nextInt(out.length);
            byte[] text = slice(material, rng, len);
            out = switch (rng.nextInt(3)) {
                case 0 -> splice(out, at, 0, text);
                case 1 -> splice(out, at, Math.min(len, out.length - at), new byte[0]);
                default -> splice(out, at, Math.min(len, out.length - at), text);
            };
        }
        return out;
    }

    /** New lines at the end: 5–20 % of the file's size from a fresh log, cut at a line end. */
    static byte[] append(byte[] previous, SplitMix64 rng, byte[] material) {
        int want = Math.max(64, (int) (previous.length * (0.05 + 0.15 * rng.nextDouble())));
        int len = Math.min(want, material.length);
        int cut = lastNewline(material, len);
        byte[] tail = Arrays.copyOf(material, cut > 0 ? cut : len);
        byte[] out = Arrays.copyOf(previous, previous.length + tail.length);
        System.arraycopy(tail, 0, out, previous.length, tail.length);
        return out;
    }

    /**
     * About one record (line) in fifty, at least one, replaced by a fresh record in place: an export
     * whose rows were updated. (A tenth touched nearly every 8 KiB chunk of a 200-byte-record file.)
     */
    static byte[] updateRecords(byte[] previous, SplitMix64 rng, byte[] material) {
        List<byte[]> lines = lines(previous);
        List<byte[]> fresh = lines(material);
        if (lines.isEmpty() || fresh.isEmpty()) {
            return replaceRange(previous, rng, 0);
        }
        int updates = Math.max(1, lines.size() / 50);
        for (int u = 0; u < updates; u++) {
            lines.set(rng.nextInt(lines.size()), fresh.get(rng.nextInt(fresh.size())));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(previous.length + 256);
        lines.forEach(l -> out.writeBytes(l));
        return out.toByteArray();
    }

    /** A contiguous 1/16 to 1/4 of the file after {@code keep} bytes replaced by new random bytes. */
    static byte[] replaceRange(byte[] previous, SplitMix64 rng, int keep) {
        byte[] out = previous.clone();
        int room = out.length - keep;
        if (room <= 0) {
            return out;
        }
        int len = Math.max(1, (int) (room * (1.0 / 16 + (3.0 / 16) * rng.nextDouble())));
        int at = keep + rng.nextInt(room - len + 1);
        rng.fill(out, at, len);
        return out;
    }

    private static byte[] slice(byte[] material, SplitMix64 rng, int len) {
        if (material.length == 0) {
            return "revised ".repeat(len / 8 + 1).substring(0, len).getBytes(StandardCharsets.US_ASCII);
        }
        int n = Math.min(len, material.length);
        int from = rng.nextInt(material.length - n + 1);
        return Arrays.copyOfRange(material, from, from + n);
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** The index after the last newline before {@code limit}, or 0. */
    private static int lastNewline(byte[] b, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** The lines of {@code b}, each with its newline (the last one without, if it has none). */
    private static List<byte[]> lines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                out.add(Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }
}
