package io.devopscli.cli;

import picocli.CommandLine.Command;

/** The top-level command: only groups the subcommands. */
@Command(name = "devops-cli", mixinStandardHelpOptions = true, version = "devops-cli 0.1.0",
        description = "Builds and keeps true a multi-region AWS DevOps architecture from one YAML topology.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ReplicateCommand.class, PushCommand.class,
                FailoverCommand.class, UnlockCommand.class})
final class DevopsCli implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
