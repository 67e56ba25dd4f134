package org.deduplab.payloads.generation;

import org.deduplab.payloads.BadInputException;

/**
 * A generations workload as the command line gives it: how many generations are loaded, at what
 * change rate, and how many of the newest are kept (the older ones expire).
 *
 * @param generations at least 1; 1 is today's single load
 * @param change      the edits, removals and additions per generation
 * @param keep        1 to {@code generations}: the newest generations kept
 */
public record GenerationParams(int generations, ChangeRate change, int keep) {
    static final String VALID_GENERATIONS = "a whole number from 1, e.g. 10";
    /** {@code -p keep=all}, the default: no generation expires. */
    public static final String KEEP_ALL = "all";

    static final String VALID_KEEP = "a whole number from 1 to generations, or " + KEEP_ALL;

    public GenerationParams {
        if (generations < 1) {
            throw new BadInputException("invalid generations '" + generations + "'; valid: " + VALID_GENERATIONS);
        }
        if (keep < 1 || keep > generations) {
            throw new BadInputException(
                    "invalid keep '" + keep + "'" + (keep > generations ? ": above generations=" + generations : "")
                            + "; valid: a whole number from 1 to generations (" + generations + "), or " + KEEP_ALL);
        }
    }

    /** The values as {@code -p generations=N -p change=P -p keep=K} give them; {@code keep} empty: every generation. */
    public static GenerationParams parse(String generations, String change, String keep) {
        int n = whole("generations", generations, VALID_GENERATIONS);
        int k = keep == null || keep.isBlank() || keep.strip().equals(KEEP_ALL) ? n : whole("keep", keep, VALID_KEEP);
        return new GenerationParams(
                n, change == null || change.isBlank() ? ChangeRate.DEFAULT : ChangeRate.parse(change), k);
    }

    /** Generations a series loads: N, and one more after expiry where some expire. */
    public int loaded() {
        return generations + (expires() ? 1 : 0);
    }

    /** Whether some generations expire ({@code keep} below {@code generations}). */
    public boolean expires() {
        return keep < generations;
    }

    private static int whole(String name, String value, String valid) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("invalid " + name + " '" + value + "'; valid: " + valid);
        }
    }
}
