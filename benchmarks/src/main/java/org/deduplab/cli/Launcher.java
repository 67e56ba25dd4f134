package org.deduplab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Set;
import org.deduplab.payloads.BadInputException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code benchmarks.jar}. The first word picks a tool ({@code generate},
 * {@code analyze}, ...); anything else is a JMH command line, run by {@link JmhLauncher} with every
 * JMH option intact.
 */
public final class Launcher {
    static final Set<String> TOOLS =
            Set.of("generate", "analyze", "profile", "preflight", "report", "compare", "serve");

    private Launcher() {}

    @Command(
            name = "benchmarks.jar",
            mixinStandardHelpOptions = true,
            version = "dedup-lab 0.1.0",
            subcommands = {
                GenerateCommand.class,
                AnalyzeCommand.class,
                ProfileCommand.class,
                PreflightCommand.class,
                ReportCommand.class,
                ServeCommand.class,
                CompareCommand.class
            },
            description = "dedup-lab tools. Without a tool name, the arguments are a JMH command line (see -h).")
    static final class Tools {}

    public static void main(String[] args) throws Exception {
        // initialize logging before servers start on several threads (else SLF4J replays and warns)
        LoggerFactory.getLogger(Launcher.class);
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code (0 ok, 1 failed, 2 bad input). */
    public static int run(String... args) throws Exception {
        if (args.length > 0 && TOOLS.contains(args[0])) {
            return tools().execute(args);
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("tools"))) {
            return tools().execute(Arrays.copyOfRange(args, args[0].equals("tools") ? 1 : 0, args.length));
        }
        return JmhLauncher.run(args);
    }

    static CommandLine tools() {
        CommandLine cl = new CommandLine(new Tools());
        // usage mistakes are one line naming the problem, not a page of usage
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr()
                    .println("error: " + ex.getMessage() + " (see: java -jar benchmarks.jar " + cmd.getCommandName()
                            + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof BadInputException) {
                err.println("error: " + ex.getMessage());
                return 2;
            }
            err.println("error: " + ex);
            return 1;
        });
        return cl;
    }
}
