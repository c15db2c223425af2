package io.devopscli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mirrors the primary repository to the secondaries. The capability (git mirroring with the same SHAs)
 * is not part of this build yet: the command says so and exits 64 rather than pretend.
 */
@Command(name = "replicate", description = "Mirror the primary repository to every secondary, SHAs preserved.")
final class ReplicateCommand extends BaseCommand {
    @Option(names = "--commit", paramLabel = "SHA", description = "Bring the secondaries' branch up to this commit.")
    String commit;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch to move (default: the topology's).")
    String branch;

    @Override
    public Integer call() {
        err().println("replicate is not available in this build: it arrives with the replication capability "
                + "(git mirroring of the primary repository). Nothing was done.");
        return ExitCodes.USAGE;
    }
}
