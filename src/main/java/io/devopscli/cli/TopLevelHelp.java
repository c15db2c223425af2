package io.devopscli.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `devops-cli --help` without building every subcommand's model. Picocli reflects over each subcommand's
 * options and mixins when the command line is built (about 170 ms of CPU in a fresh JVM, most of what
 * --help cost), while the top-level help shows only their names and headers: those are read from the
 * subcommands' @Command annotations. TopLevelHelpTest keeps the output equal to picocli's own.
 * `make build` also renders it into a file (main below) that PrerenderedHelp prints without picocli.
 */
public final class TopLevelHelp {
    /** Beyond this width the help no longer changes (the longest line fits); TopLevelHelpTest checks it. */
    static final int WIDEST = 1000;

    private TopLevelHelp() {
    }

    /** Exactly `--help`, `-h` or `help` and nothing else: the invocations this answers. */
    static boolean asked(String... args) {
        return PrerenderedHelp.asked(args);
    }

    /**
     * Writes the file PrerenderedHelp reads: the help with and without colours at every width picocli can
     * choose up to WIDEST, each distinct text once with the range of widths it is for. Run by `make build`.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TopLevelHelp FILE");
        }
        Path file = Path.of(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, fileContent(), StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file's content; see PrerenderedHelp.lookup for its layout. */
    static String fileContent() {
        if (!System.lineSeparator().equals("\n")) {
            throw new IllegalStateException("the pre-rendered help is for \\n line ends (PrerenderedHelp)");
        }
        StringBuilder content = new StringBuilder(PrerenderedHelp.MAGIC).append('\n');
        for (boolean ansi : new boolean[] {false, true}) {
            CommandLine cli = renderer(ansi);
            int from = PrerenderedHelp.MIN_WIDTH;
            String text = cli.setUsageHelpWidth(from).getUsageMessage();
            for (int width = from + 1; width <= WIDEST + 1; width++) {
                String next = width <= WIDEST ? cli.setUsageHelpWidth(width).getUsageMessage() : null;
                if (!text.equals(next)) {
                    content.append(PrerenderedHelp.section(ansi, from, width - 1, text));
                    from = width;
                    text = next;
                }
            }
        }
        return content.toString();
    }

    /** The help as picocli renders it with these colours at this width. */
    static String render(boolean ansi, int width) {
        return renderer(ansi).setUsageHelpWidth(width).getUsageMessage();
    }

    private static CommandLine renderer(boolean ansi) {
        return commandLine().setUsageHelpAutoWidth(false)
                .setColorScheme(CommandLine.Help.defaultColorScheme(ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
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
