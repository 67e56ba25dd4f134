package org.deduplab.payloads;

/**
 * Uniqueness grade {@code U<p>}: exactly round(p% x files) of a dataset's files are byte-identical
 * copies of an earlier file of the same dataset; the rest are unique.
 */
public record Grade(int percent) {
    public static final String VALID = "U0..U99 (e.g. U0, U50, U90)";

    public Grade {
        if (percent < 0 || percent > 99) {
            throw new BadInputException("grade U" + percent + " is out of range; valid: " + VALID);
        }
    }

    public static Grade parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.length() >= 2 && (t.charAt(0) == 'U' || t.charAt(0) == 'u')) {
            String digits = t.substring(1);
            if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 3) {
                int p = Integer.parseInt(digits);
                if (p <= 99) {
                    return new Grade(p);
                }
            }
        }
        throw new BadInputException("invalid grade '" + text + "'; valid: " + VALID);
    }

    /**
     * How many of the first {@code n} files are copies. round(p·n/100), but never all of them:
     * the first file has no earlier file to copy. Steps by 0 or 1 per file, so the file at index
     * n-1 is a copy exactly when this grows from n-1 to n: every prefix of a dataset is exact.
     */
    public long duplicatesAmong(long n) {
        if (n <= 0) {
            return 0;
        }
        long rounded = (percent * n + 50) / 100; // round half up, exact integer arithmetic
        return Math.min(n - 1, rounded);
    }

    /** Whether file {@code index} (0-based) is a copy of an earlier file. */
    public boolean isDuplicate(long index) {
        return duplicatesAmong(index + 1) > duplicatesAmong(index);
    }

    @Override
    public String toString() {
        return "U" + percent;
    }
}
