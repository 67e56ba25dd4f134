package org.deduplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.deduplab.payloads.BadInputException;
import org.deduplab.report.RunFile;

/**
 * {@code --resume results/run-<ts>.json}: the command line that run was started with (recorded in
 * its {@code .env.json}) and the benchmarks it finished (its result file), so that only the missing
 * or failed benchmarks of its matrix run, with the same params and JMH options, into the same file.
 *
 * @param args     the run's original command line
 * @param finished the benchmarks already in the result file, kept as they are
 */
record Resume(Path resultFile, List<String> args, ArrayNode finished) {
    static final String OPTION = "--resume";

    static Resume of(Path resultFile) throws IOException {
        RunFile.load(resultFile); // refuses anything that is not a JMH JSON result, naming it
        Path env = EnvironmentFile.beside(resultFile);
        if (!Files.isRegularFile(env)) {
            throw new BadInputException(
                    "cannot resume " + resultFile + ": " + env.getFileName() + " is missing beside it"
                            + " (the lab writes it with the first finished benchmark; it records the run's command line)");
        }
        JsonNode recorded = new ObjectMapper().readTree(env.toFile()).path("args");
        if (!recorded.isArray()) {
            throw new BadInputException("cannot resume " + resultFile + ": " + env.getFileName()
                    + " records no command line" + " (written by an older version); run it again instead");
        }
        List<String> args = new ArrayList<>();
        recorded.forEach(a -> args.add(a.asText()));
        return new Resume(resultFile, args, (ArrayNode) new ObjectMapper().readTree(resultFile.toFile()));
    }

    /** Whether the result file already holds this benchmark with exactly these params (any params, when none are given). */
    boolean done(String benchmark, Map<String, String> params) {
        for (JsonNode b : finished) {
            if (params.isEmpty() && b.path("benchmark").asText().equals(benchmark)) {
                return true;
            }
            Map<String, String> p = new TreeMap<>();
            b.path("params")
                    .fields()
                    .forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
            if (b.path("benchmark").asText().equals(benchmark) && p.equals(new TreeMap<>(params))) {
                return true;
            }
        }
        return false;
    }

    /** The result file of {@code --resume FILE}, or empty when the command line does not ask to resume. */
    static Optional<Path> requested(String[] args) {
        if (!Arrays.asList(args).contains(OPTION)) {
            return Optional.empty();
        }
        if (args.length != 2 || !args[0].equals(OPTION)) {
            throw new BadInputException(OPTION
                    + " takes the result file of the run to complete and nothing else (it runs"
                    + " that run's own command line again), e.g. " + OPTION + " results/run-20261127T040000Z.json");
        }
        return Optional.of(Path.of(args[1]));
    }
}
