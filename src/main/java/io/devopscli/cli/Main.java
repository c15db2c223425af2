package io.devopscli.cli;

import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Waiter;
import io.devopscli.replication.ReplicationException;
import io.devopscli.topology.InvalidTopologyException;
import io.devopscli.topology.Problem;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;

/** Entry point: maps every way a run can end to one exit code, with no stack trace unless --verbose. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // this process owns the terminal: live progress may redraw a line on it, and Ctrl-C is ours
        ProgressDisplay.processOwnsTerminal = true;
        Interrupts.install(System.err);
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the CLI in-process; tests call this with their own streams. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        if (TopLevelHelp.asked(args)) {
            TopLevelHelp.print(outWriter); // without building every subcommand's model
            return ExitCodes.OK;
        }
        // a run of one named subcommand builds only its model (OneSubcommand)
        return execute(OneSubcommand.of(args).orElseGet(() -> new CommandLine(new DevopsCli())), outWriter, errWriter,
                args);
    }

    /** Runs args on this command line (the full model, or OneSubcommand's) with the CLI's handlers. */
    static int execute(CommandLine base, PrintWriter outWriter, PrintWriter errWriter, String... args) {
        CommandLine cli = base
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler((e, a) -> usageError(e, errWriter));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, errWriter, verbose(parseResult)));
        cli.setExecutionStrategy(parseResult -> {
            checkOutputFormat(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** Picocli's reason, a "did you mean" for a mistyped subcommand or option, and where the help is. */
    private static int usageError(CommandLine.ParameterException e, PrintWriter err) {
        String message = e.getMessage();
        List<String> suggestions = List.of();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            suggestions = unmatched.getSuggestions();
            List<String> args = unmatched.getUnmatched();
            boolean atTop = e.getCommandLine().getParent() == null;
            if (atTop && !args.isEmpty() && !args.get(0).startsWith("-")) {
                message = "unknown subcommand '" + args.get(0) + "'";
            }
        }
        err.println("devops-cli: " + message);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", suggestions.stream().limit(3).toList()) + "?");
        }
        String name = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("Try '" + name + " --help'" + (e.getCommandLine().getParent() == null ? "" : " or 'devops-cli help "
                + e.getCommandLine().getCommandName() + "'") + ".");
        return ExitCodes.USAGE;
    }

    static int handle(Exception e, PrintWriter err, boolean verbose) {
        if (e instanceof InvalidTopologyException invalid) {
            err.println("devops-cli: the topology is invalid (" + invalid.problems().size() + " problem"
                    + (invalid.problems().size() == 1 ? "" : "s") + "); nothing was sent to AWS:");
            for (Problem p : invalid.problems()) {
                err.println("  " + p);
            }
            return ExitCodes.INVALID_TOPOLOGY;
        }
        if (e instanceof MissingConfigException) {
            err.println("devops-cli: " + e.getMessage());
            return ExitCodes.INVALID_TOPOLOGY;
        }
        if (e instanceof UsageException) {
            err.println("devops-cli: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (isOperationFailure(e)) {
            err.println("devops-cli: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.AWS_FAILED;
        }
        // Anything else is a bug in the tool, not something the user or AWS did.
        err.println("devops-cli: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run with -v for the stack trace, and please report it)");
        }
        return ExitCodes.SOFTWARE;
    }

    /** Failures of the outside world (AWS, git, the disk), which exit 1; their message is the report. */
    private static boolean isOperationFailure(Exception e) {
        return e instanceof AwsFailure || e instanceof SdkException || e instanceof ReplicationException
                || e instanceof Waiter.WaitTimeoutException || e instanceof UncheckedIOException
                || e instanceof io.devopscli.resources.lock.LockHeldException
                || e instanceof io.devopscli.failover.FailoverRefused;
    }

    /** -o mermaid|dot is graph's; table|json the others'. A usage error before anything runs. */
    private static void checkOutputFormat(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        if (leaf.commandSpec().userObject() instanceof BaseCommand command && command.common != null
                && !command.acceptsOutput(command.common.output)) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), "-o " + command.common.output
                    + " is not a format of " + leaf.commandSpec().name());
        }
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
