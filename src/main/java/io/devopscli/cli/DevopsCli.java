package io.devopscli.cli;

import picocli.CommandLine.Command;

/** The top-level command: only groups the subcommands. */
@Command(name = "devops-cli", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Builds and keeps true a multi-region AWS DevOps architecture from one YAML topology.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, GraphCommand.class,
                ReplicateCommand.class, PushCommand.class, FailoverCommand.class, UnlockCommand.class,
                CompletionCommand.class,
                picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the plan per region, nothing changed",
            "  devops-cli up --dry-run",
            "  # what is not in sync, and live health",
            "  devops-cli status",
            "  # every option of up, with examples",
            "  devops-cli help up",
            "",
            "Exit codes: 0 done or in sync, 1 an AWS operation failed, 2 pending changes or",
            "drift (--detailed-exitcode), 64 usage, 65 invalid topology, 70 internal error,",
            "130 interrupted."})
final class DevopsCli implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
