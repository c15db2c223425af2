package io.devopscli.cli;

import io.devopscli.topology.InvalidTopologyException;
import io.devopscli.topology.Problem;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: maps every way a run can end to one exit code, with no stack trace unless --verbose. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the CLI in-process; tests call this with their own streams. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine cli = new CommandLine(new DevopsCli())
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            errWriter.println("devops-cli: " + e.getMessage());
            errWriter.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, errWriter, verbose(parseResult)));
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    private static int handle(Exception e, PrintWriter err, boolean verbose) {
        if (e instanceof InvalidTopologyException invalid) {
            err.println("devops-cli: the topology is invalid (" + invalid.problems().size() + " problem"
                    + (invalid.problems().size() == 1 ? "" : "s") + "); nothing was sent to AWS:");
            for (Problem p : invalid.problems()) {
                err.println("  " + p);
            }
            return ExitCodes.INVALID_TOPOLOGY;
        }
        if (e instanceof UsageException) {
            err.println("devops-cli: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("devops-cli: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace)");
        }
        return ExitCodes.AWS_FAILED;
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult p = parseResult;
        while (p != null) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
            p = p.subcommand();
        }
        return false;
    }
}
