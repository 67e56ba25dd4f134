package org.deduplab.payloads.gen;

import org.deduplab.payloads.PayloadType;

/**
 * Families of revisions of one document, like a wiki page, a contract draft or a config file under
 * version control: unique file u is revision {@code u % FAMILY} of family {@code u / FAMILY}; each
 * revision applies 1-2 small edits (insert, delete or replace of 16-512 bytes) to the previous one
 * and bumps the revision number in its first line. Inserts and deletes shift every later byte, so
 * fixed 4 KiB blocks stop matching after the first edit while content-defined chunks re-align: this
 * is the payload on which CDC dedup is far above fixed-block dedup.
 *
 * <p>Keeps the last revision it produced so that a sequential pass does one edit step per file;
 * not thread-safe.
 */
final class VersionedDocGenerator extends ContentGenerator {
    static final int FAMILY = 16;
    private static final byte[][] WORDS =
            ByteSink.asciiAll(("the of and to in is that for it as was with be by on not he"
                            + " this are or his from at which but have an they you were her she there been one all we their has would"
                            + " when if so no will can more other its may new some time these two first them then only any than such"
                            + " data store storage block chunk page table index value record file version draft section clause party"
                            + " agreement shall provide service customer report system change update review approve release policy"
                            + " security access user account network server cluster node replica backup restore retention archive"
                            + " compression deduplication throughput latency capacity budget quarter forecast revenue contract term"
                            + " notice payment invoice delivery schedule milestone risk issue owner team project design document"
                            + " requirement test result measure metric target baseline summary appendix reference definition scope"
                            + " purpose background method analysis finding recommendation decision action item meeting minutes date"
                            + " time location participant comment question answer note example figure chart config setting parameter"
                            + " default option feature flag rollout migration schema column row query transaction commit log segment"
                            + " retention window interval threshold alert incident postmortem root cause mitigation follow-up owner"
                            + " deadline estimate priority status open closed blocked done pending approved rejected revised final")
                    .split(" "));
    private static final int HEADER = "# doc-0123456789abcdef rev 0001\n".length();

    private long cachedOrdinal = -1;
    private byte[] cached;

    VersionedDocGenerator(long datasetSeed) {
        super(PayloadType.VERSIONED_DOC, datasetSeed);
    }

    @Override
    public String extension(long ordinal) {
        return "md";
    }

    @Override
    public int size(long ordinal) {
        long family = ordinal / FAMILY;
        int len = baseSize(family);
        for (int v = 1; v <= ordinal % FAMILY; v++) {
            SplitMix64 r = editRng(family, v);
            int edits = 1 + r.nextInt(2);
            for (int e = 0; e < edits; e++) {
                Edit edit = Edit.next(r, len);
                len += edit.delta();
            }
        }
        return len;
    }

    @Override
    public synchronized byte[] content(long ordinal) {
        long family = ordinal / FAMILY;
        int version = (int) (ordinal % FAMILY);
        byte[] doc;
        int from;
        if (cached != null && cachedOrdinal / FAMILY == family && cachedOrdinal % FAMILY <= version) {
            doc = cached;
            from = (int) (cachedOrdinal % FAMILY) + 1;
        } else {
            doc = base(family);
            from = 1;
        }
        for (int v = from; v <= version; v++) {
            doc = revise(doc, family, v);
        }
        cached = doc;
        cachedOrdinal = ordinal;
        return doc.clone();
    }

    private int baseSize(long family) {
        return logNormalSize(SplitMix64.mix(datasetSeed, 0xD0C5, family), type.medianBytes());
    }

    private SplitMix64 editRng(long family, int version) {
        return new SplitMix64(SplitMix64.mix(datasetSeed, 0xED17, family, version));
    }

    private byte[] base(long family) {
        int size = baseSize(family);
        SplitMix64 r = new SplitMix64(SplitMix64.mix(datasetSeed, 0xBA5E, family));
        ByteSink out = new ByteSink(size + 64);
        out.put(ByteSink.ascii("# doc-"))
                .hex(r.nextLong(), 16)
                .put(ByteSink.ascii(" rev "))
                .dec(0, 4)
                .put('\n');
        words(out, r, size);
        return out.toArray(size);
    }

    private byte[] revise(byte[] prev, long family, int version) {
        SplitMix64 r = editRng(family, version);
        SplitMix64 text = new SplitMix64(SplitMix64.mix(datasetSeed, 0x7E47, family, version));
        int edits = 1 + r.nextInt(2);
        byte[] doc = prev;
        for (int e = 0; e < edits; e++) {
            Edit edit = Edit.next(r, doc.length);
            byte[] next = new byte[doc.length + edit.delta()];
            System.arraycopy(doc, 0, next, 0, edit.pos);
            int tail = edit.pos + (edit.kind == Edit.INSERT ? 0 : edit.len);
            int at = edit.pos;
            if (edit.kind != Edit.DELETE) {
                ByteSink words = new ByteSink(edit.len + 64);
                words(words, text, edit.len);
                System.arraycopy(words.buf, 0, next, at, edit.len);
                at += edit.len;
            }
            System.arraycopy(doc, tail, next, at, doc.length - tail);
            doc = next;
        }
        // fixed-width revision number: same length, so the edit costs only the first chunk/block
        byte[] rev = new ByteSink(4).dec(version, 4).toArray(4);
        System.arraycopy(rev, 0, doc, HEADER - 5, 4);
        return doc;
    }

    /** Appends prose until the sink holds at least {@code size} bytes. */
    private static void words(ByteSink out, SplitMix64 r, int size) {
        int sentence = 0;
        while (out.len < size) {
            long bits = r.nextLong();
            for (int k = 0; k < 4 && out.len < size; k++, bits >>>= 16) {
                out.put(WORDS[(int) ((bits & 0xFF) % WORDS.length)]);
                int p = (int) ((bits >>> 8) & 0xFF);
                if (++sentence > 6 && p < 24) {
                    sentence = 0;
                    out.put(p < 3 ? (byte) '\n' : (byte) '.').put(p < 3 ? (byte) '\n' : (byte) ' ');
                } else if (p < 40) {
                    out.put(',').put(' ');
                } else {
                    out.put(' ');
                }
            }
        }
    }

    /** One edit: kind, position and length depend only on the rng and the current length. */
    private record Edit(int kind, int pos, int len) {
        static final int INSERT = 0;
        static final int DELETE = 1;
        static final int REPLACE = 2;

        static Edit next(SplitMix64 r, int curLen) {
            int roll = r.nextInt(100);
            int len = r.between(16, 512);
            double where = r.nextDouble();
            int kind = roll < 45 ? INSERT : roll < 80 ? DELETE : REPLACE;
            if (kind == DELETE && curLen - len < PayloadType.MIN_FILE_BYTES) {
                kind = INSERT;
            } else if (kind == INSERT && curLen + len > PayloadType.MAX_FILE_BYTES) {
                kind = DELETE;
            }
            int room = curLen - HEADER - (kind == INSERT ? 0 : len);
            int pos = HEADER + (int) (where * (room + 1));
            return new Edit(kind, pos, len);
        }

        int delta() {
            return kind == INSERT ? len : kind == DELETE ? -len : 0;
        }
    }
}
