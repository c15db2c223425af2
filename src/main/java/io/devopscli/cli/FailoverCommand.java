package io.devopscli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Moves production traffic to another region through Route 53. The capability is not part of this
 * build yet: the command says so and exits 64 rather than pretend.
 */
@Command(name = "failover", description = "Move production traffic to REGION.")
final class FailoverCommand extends BaseCommand {
    @Option(names = "--to", required = true, paramLabel = "REGION", description = "Region to serve production.")
    String to;

    @Option(names = "--yes", description = "Fail over without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the steps and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        err().println("failover is not available in this build: it arrives with the Route 53 failover capability. "
                + "Nothing was changed.");
        return ExitCodes.USAGE;
    }
}
