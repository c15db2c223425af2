package io.devopscli.cli;

import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line of a run that names one of our subcommands first (`up ...`): the top level with only
 * that subcommand's model. Picocli builds a model for every subcommand it is given (reading each one's
 * annotated options and mixins), which was about a tenth of a converged run's CPU on the serial start of
 * every command. `help`, `completion` and anything else (a top-level option, a mistyped name) take the
 * full model, so listings, completion scripts and "did you mean" see every subcommand.
 */
final class OneSubcommand {
    private OneSubcommand() {
    }

    static Optional<CommandLine> of(String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        Command top = DevopsCli.class.getAnnotation(Command.class);
        for (Class<?> type : top.subcommands()) {
            Command sub = type.getAnnotation(Command.class);
            boolean named = sub != null && (sub.name().equals(args[0]) || Arrays.asList(sub.aliases()).contains(args[0]));
            if (!named || type == CompletionCommand.class || type == CommandLine.HelpCommand.class) {
                continue;
            }
            CommandLine cli = new CommandLine(CommandSpec.create().name(top.name())
                    .mixinStandardHelpOptions(top.mixinStandardHelpOptions()));
            try {
                cli.addSubcommand(sub.name(), new CommandLine(CommandLine.defaultFactory().create(type)));
            } catch (Exception e) {
                return Optional.empty(); // the full model then says what is wrong, as it always did
            }
            return Optional.of(cli);
        }
        return Optional.empty();
    }
}
