package org.deduplab.payloads.gen;

import java.util.zip.CRC32;
import org.deduplab.payloads.PayloadType;

/**
 * Already-compressed media: JPEG, PNG and MP4 files with real container structure (markers,
 * chunks with CRCs, boxes) around high-entropy payload, as a camera or encoder writes them. The
 * entropy-coded part is random bytes (what good compression output is statistically), so zstd-3
 * gains at most the headers: ratio at most 1.05 (tested).
 */
final class CompressedMediaGenerator extends ContentGenerator {
    private static final String[] EXT = {"jpg", "jpg", "png", "mp4"};

    CompressedMediaGenerator(long datasetSeed) {
        super(PayloadType.COMPRESSED_MEDIA, datasetSeed);
    }

    @Override
    public String extension(long ordinal) {
        return EXT[(int) (SplitMix64.mix(datasetSeed, 0xE77, ordinal) & 3)];
    }

    @Override
    public byte[] content(long ordinal) {
        int size = size(ordinal);
        byte[] b = new byte[size];
        SplitMix64 r = rng(ordinal, 0x3ED1A);
        r.fill(b, 0, size);
        switch (extension(ordinal)) {
            case "jpg" -> jpeg(b, r);
            case "png" -> png(b, r);
            default -> mp4(b, r);
        }
        return b;
    }

    private static int put(byte[] b, int at, int... bytes) {
        for (int x : bytes) {
            b[at++] = (byte) x;
        }
        return at;
    }

    private static int putAscii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    private static int putInt(byte[] b, int at, long v) {
        return put(b, at, (int) (v >>> 24) & 255, (int) (v >>> 16) & 255, (int) (v >>> 8) & 255, (int) v & 255);
    }

    /** SOI, APP0/JFIF, DQT, SOF0, SOS header; byte-stuffed entropy data; EOI. */
    private static void jpeg(byte[] b, SplitMix64 r) {
        int at = put(b, 0, 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10);
        at = putAscii(b, at, "JFIF\0");
        at = put(b, at, 1, 1, 0, 0, 72, 0, 72, 0, 0);
        at = put(b, at, 0xFF, 0xDB, 0x00, 0x43, 0x00); // quantisation table (64 random-ish bytes follow)
        at += 64;
        int w = 640 + r.nextInt(3200);
        int h = 480 + r.nextInt(2400);
        at = put(
                b, at, 0xFF, 0xC0, 0x00, 0x11, 0x08, h >>> 8, h & 255, w >>> 8, w & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3,
                0x11, 1);
        at = put(b, at, 0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3F, 0x00);
        // entropy-coded segment: a 0xFF data byte is followed by a stuffed 0x00
        for (int i = at; i < b.length - 3; i++) {
            if (b[i] == (byte) 0xFF) {
                b[++i] = 0;
            }
        }
        b[b.length - 2] = (byte) 0xFF;
        b[b.length - 1] = (byte) 0xD9;
    }

    /** Signature, IHDR, IDAT chunks of up to 64 KiB with valid CRCs, IEND. */
    private static void png(byte[] b, SplitMix64 r) {
        int at = put(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        int ihdr = at;
        at = putInt(b, at, 13);
        at = putAscii(b, at, "IHDR");
        at = putInt(b, at, 320 + r.nextInt(4000));
        at = putInt(b, at, 240 + r.nextInt(3000));
        at = put(b, at, 8, 2, 0, 0, 0);
        at = crc(b, ihdr + 4, at);
        int end = b.length - 12;
        boolean first = true;
        while (at + 12 < end) {
            int len = Math.min(65536, end - at - 12);
            int start = at;
            at = putInt(b, at, len);
            at = putAscii(b, at, "IDAT");
            if (first) {
                put(b, at, 0x78, 0x9C); // zlib header of the deflate stream
                first = false;
            }
            at += len;
            at = crc(b, start + 4, at);
        }
        // whatever is left before IEND becomes one short ancillary chunk
        if (at < end) {
            int len = end - at - 12;
            int start = at;
            at = putInt(b, at, Math.max(0, len));
            at = putAscii(b, at, "tEXt");
            at += Math.max(0, len);
            at = crc(b, start + 4, at);
        }
        at = putInt(b, end, 0);
        at = putAscii(b, at, "IEND");
        crc(b, end + 4, at);
    }

    private static int crc(byte[] b, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(b, from, to - from);
        return putInt(b, to, crc.getValue());
    }

    /** ftyp, a small moov with mvhd, and an mdat box holding the rest. */
    private static void mp4(byte[] b, SplitMix64 r) {
        int at = putInt(b, 0, 24);
        at = putAscii(b, at, "ftypisom");
        at = putInt(b, at, 0x200);
        at = putAscii(b, at, "isomiso2");
        int moov = 8 + 108;
        at = putInt(b, at, moov);
        at = putAscii(b, at, "moov");
        at = putInt(b, at, 108);
        at = putAscii(b, at, "mvhd");
        at = putInt(b, at, 0);
        at = putInt(b, at, 0xE1D5A3C0L);
        at = putInt(b, at, 0xE1D5A3C0L);
        at = putInt(b, at, 1000);
        at = putInt(b, at, 10_000 + r.nextInt(600_000));
        at = putInt(b, at, 0x00010000);
        at = put(b, at, 1, 0);
        for (int i = 0; i < 10; i++) {
            b[at++] = 0;
        }
        at = putInt(b, at, 0x00010000);
        for (int i = 0; i < 3; i++) {
            at = putInt(b, at, 0);
        }
        at = putInt(b, at, 0x00010000);
        for (int i = 0; i < 3; i++) {
            at = putInt(b, at, 0);
        }
        at = putInt(b, at, 0x40000000);
        for (int i = 0; i < 6; i++) {
            at = putInt(b, at, 0);
        }
        at = putInt(b, at, 2);
        at = putInt(b, at, b.length - at);
        putAscii(b, at, "mdat");
    }
}
