package org.deduplab.payloads.gen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An append-only byte buffer for the text generators. Appends pre-encoded tokens and formats
 * numbers straight into bytes: no String or boxing per record, which is what keeps the JSON and log
 * generators above 200 MB/s.
 */
final class ByteSink {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] buf;
    int len;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[][] asciiAll(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = ascii(s[i]);
        }
        return out;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    ByteSink put(byte[] token) {
        ensure(token.length);
        System.arraycopy(token, 0, buf, len, token.length);
        len += token.length;
        return this;
    }

    ByteSink put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    ByteSink put(char c) {
        return put((byte) c);
    }

    /** Non-negative decimal. */
    ByteSink dec(long v) {
        ensure(20);
        if (v == 0) {
            buf[len++] = '0';
            return this;
        }
        int start = len;
        while (v > 0) {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        reverse(start, len - 1);
        return this;
    }

    /** Decimal left-padded with zeros to {@code width} digits. */
    ByteSink dec(long v, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += width;
        return this;
    }

    /** cents as d.dd */
    ByteSink money(long cents) {
        dec(cents / 100).put('.');
        return dec(cents % 100, 2);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS} (no zone suffix). */
    ByteSink isoTime(int year, int month, int day, long millisOfDay) {
        return dec(year, 4)
                .put('-')
                .dec(month, 2)
                .put('-')
                .dec(day, 2)
                .put('T')
                .dec(millisOfDay / 3_600_000, 2)
                .put(':')
                .dec(millisOfDay / 60_000 % 60, 2)
                .put(':')
                .dec(millisOfDay / 1000 % 60, 2)
                .put('.')
                .dec(millisOfDay % 1000, 3);
    }

    ByteSink hex(long v, int digits) {
        ensure(digits);
        for (int i = digits - 1; i >= 0; i--) {
            buf[len + i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
        len += digits;
        return this;
    }

    private void reverse(int i, int j) {
        while (i < j) {
            byte t = buf[i];
            buf[i++] = buf[j];
            buf[j--] = t;
        }
    }

    /** Exactly {@code size} bytes: the buffer cut or zero-extended. */
    byte[] toArray(int size) {
        return len == size && buf.length == size ? buf : Arrays.copyOf(buf, size);
    }
}
