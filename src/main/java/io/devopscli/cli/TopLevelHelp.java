package io.devopscli.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `devops-cli --help` without building every subcommand's model. Picocli reflects over each subcommand's
 * options and mixins when the command line is built (about 170 ms of CPU in a fresh JVM, most of what
 * --help cost), while the top-level help shows only their names and headers: those are read from the
 * subcommands' @Command annotations. TopLevelHelpTest keeps the output equal to picocli's own.
 */
final class TopLevelHelp {
    private TopLevelHelp() {
    }

    /** Exactly `--help` or `-h` and nothing else: the one invocation this answers. */
    static boolean asked(String... args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    static void print(PrintWriter out) {
        commandLine().usage(out);
        out.flush();
    }

    /** The top-level command with its subcommands as names and headers only. */
    static CommandLine commandLine() {
        Command top = DevopsCli.class.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(top.name()).mixinStandardHelpOptions(top.mixinStandardHelpOptions());
        spec.usageMessage().description(top.description()).footerHeading(top.footerHeading()).footer(top.footer());
        for (Class<?> type : top.subcommands()) {
            Command sub = type.getAnnotation(Command.class);
            CommandSpec stub = CommandSpec.create().name(sub.name()).aliases(sub.aliases());
            stub.usageMessage().header(sub.header()).description(sub.description()).hidden(sub.hidden());
            spec.addSubcommand(sub.name(), stub);
        }
        return new CommandLine(spec).setUsageHelpAutoWidth(true);
    }
}
