package org.deduplab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;

/**
 * {@code --shard K/N}: run the K-th of N deterministic, balanced parts of the matrix, so N CI jobs or a
 * Kubernetes Indexed Job ({@code JOB_COMPLETION_INDEX}) cover one matrix together. The matrix's
 * benchmarks (every param fixed) are dealt round-robin in a fixed order: part K gets the benchmarks
 * at positions K-1, K-1+N, ..., so the N parts differ in size by at most one.
 *
 * @param index 1-based
 */
record Shard(int index, int count) {
    static final String OPTION = "--shard";

    static Shard parse(String value) {
        String v = value.strip();
        if (v.matches("[0-9]{1,4}/[0-9]{1,4}")) {
            int k = Integer.parseInt(v.substring(0, v.indexOf('/')));
            int n = Integer.parseInt(v.substring(v.indexOf('/') + 1));
            if (n >= 1 && k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw new BadInputException("invalid " + OPTION + " '" + value + "'; valid: K/N with 1 <= K <= N, e.g. 2/4");
    }

    /** The {@code --shard} of a command line, if any. */
    static Optional<Shard> of(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new BadInputException(OPTION + " needs K/N, e.g. " + OPTION + " 2/4");
                }
                return Optional.of(parse(args[i + 1]));
            }
        }
        return Optional.empty();
    }

    /** The command line without {@code --shard K/N}: what JMH parses. */
    static String[] without(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION)) {
                i++;
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /** The command line that is the same in every shard of one matrix: without {@code --shard} and the result file. */
    static List<String> matrixArgs(String[] args) {
        List<String> out = new ArrayList<>();
        String[] rest = without(args);
        for (int i = 0; i < rest.length; i++) {
            if (rest[i].equals("-rff")) {
                i++;
            } else {
                out.add(rest[i]);
            }
        }
        return out;
    }

    /** This part of the matrix's benchmarks. */
    <T> List<T> of(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int i = index - 1; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
