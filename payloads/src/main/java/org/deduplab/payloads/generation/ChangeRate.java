package org.deduplab.payloads.generation;

import java.util.Locale;
import org.deduplab.payloads.BadInputException;

/**
 * How much of a dataset one generation changes, as a fraction of its files: each file is edited with
 * this probability, and a quarter of it is both the share of files removed and the share added.
 *
 * @param fraction 0 (nothing changes) to 1 (every file is edited)
 */
public record ChangeRate(double fraction) {
    /** The default: a tenth of the files edited per generation, 2.5 % removed and 2.5 % added. */
    public static final ChangeRate DEFAULT = new ChangeRate(0.10);

    static final String VALID = "a percentage from 0 to 100, e.g. 10%";

    public ChangeRate {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new BadInputException("invalid change " + fraction + "; valid: " + VALID);
        }
    }

    /** {@code 10%}, {@code 10} or {@code 2.5%}; anything else, or outside 0–100 %, names the value and what is valid. */
    public static ChangeRate parse(String value) {
        String v = value == null ? "" : value.strip();
        String number = v.endsWith("%") ? v.substring(0, v.length() - 1).strip() : v;
        double percent;
        try {
            percent = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new BadInputException("invalid change '" + value + "'; valid: " + VALID);
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw new BadInputException("invalid change '" + value + "'; valid: " + VALID);
        }
        return new ChangeRate(percent / 100);
    }

    /** The share of files removed, and the share added, per generation. */
    public double turnover() {
        return fraction / 4;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s%%",
                fraction * 100 == Math.rint(fraction * 100)
                        ? String.valueOf((long) Math.rint(fraction * 100))
                        : String.valueOf(fraction * 100));
    }
}
