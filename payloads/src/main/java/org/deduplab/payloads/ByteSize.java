package org.deduplab.payloads;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users write them: {@code 64MiB}, {@code 1GiB}, {@code 512KiB}, {@code 1048576}. */
public final class ByteSize {
    public static final String VALID =
            "a positive byte count with an optional unit B, KiB, MiB, GiB, TiB (KB/MB/GB = powers of 10), e.g. 64MiB, 1GiB, 1048576";
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private ByteSize() {}

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new BadInputException("invalid size '" + text + "'; valid: " + VALID);
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new BadInputException("invalid size unit in '" + text + "'; valid: " + VALID);
        };
        try {
            long value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (value <= 0) {
                throw new BadInputException("invalid size '" + text + "': must be positive; valid: " + VALID);
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadInputException("invalid size '" + text + "': too large; valid: " + VALID);
        }
    }

    /** Human form: the largest binary unit that divides exactly, else MiB with two decimals. */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return (bytes / sizes[i]) + units[i];
            }
        }
        if (bytes < 1024) {
            return bytes + "B";
        }
        return String.format(Locale.ROOT, "%.2fMiB", bytes / (double) (1L << 20));
    }
}
