package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/ci-benchmark.sh} fails loudly: a bad stage name lists the valid ones (exit 2), and
 * a stage that cannot do its work names itself and exits non-zero. (Its benchmark stages need the
 * packaged jar, which does not exist yet while Maven runs the tests; they are run by hand, see README.)
 */
class CiStageScriptTest {
    static final Path SCRIPT = Path.of("..", "scripts", "ci-benchmark.sh");

    record Result(int code, String out) {}

    static Result run(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DEDUP_CI_OUT", out.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), text);
    }

    @Test
    void anUnknownStageListsTheValidOnes(@TempDir Path out) throws Exception {
        Result r = run(out, "deploy");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out())
                .contains("unknown stage 'deploy'")
                .contains("build, smoke, preflight, dry, full, compare, report");
        assertThat(run(out).code()).isEqualTo(2);
    }

    @Test
    void aStageWithNothingToWorkOnFailsAndSaysWhich(@TempDir Path out) throws Exception {
        for (String stage : List.of("compare", "report")) {
            Result r = run(out, stage);
            assertThat(r.code()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains("error: ").contains("STAGE " + stage + " FAILED (exit 1)");
        }
    }
}
