package io.devopscli.cli;

import io.devopscli.resources.lock.LockRecord;
import io.devopscli.resources.lock.ProjectLock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Removes the project's lock by hand, like terraform force-unlock: for a run that died without releasing
 * it (kill -9, a lost machine) when waiting for the lease to expire is not an option.
 */
@Command(name = "unlock", header = "Remove the run lock a dead run left (like terraform force-unlock).",
        description = {"Remove the project's run lock left by a run that died (like terraform force-unlock).",
        "Only for a run that is gone: removing a live run's lock lets two runs change the same resources."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # remove the lock a refusing run named, only if it is still that one",
            "  devops-cli unlock 3f2a9c1e-0b7d-4c55-9a0e-2d1f6b8e7a41",
            "  # remove whatever lock is held, after asking",
            "  devops-cli unlock",
            "  # the same without asking (scripts)",
            "  devops-cli unlock --yes"})
final class UnlockCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCK_ID",
            description = "The id the refusing run named; the lock is removed only if it is still that one.")
    String lockId;

    @Option(names = "--yes", description = "Without LOCK_ID: remove whatever lock is held, without asking.")
    boolean yes;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            String project = session.topology().project();
            Optional<LockRecord> held = ProjectLock.holder(session.primaryClients(), project);
            if (held.isEmpty()) {
                out().println("No lock is held for " + project + ".");
                return ExitCodes.OK;
            }
            if (lockId == null) {
                out().println("The " + held.get().describe() + ".");
                if (!yes && !Terminal.confirm("Remove it? That run must be gone.", err())) {
                    err().println("Nothing was removed.");
                    return ExitCodes.OK;
                }
            }
            try {
                Optional<LockRecord> removed = ProjectLock.forceUnlock(session.primaryClients(), project,
                        Optional.ofNullable(lockId).or(() -> held.map(LockRecord::id)));
                out().println(removed.map(r -> "Removed the " + r.describe() + ".")
                        .orElse("No lock is held for " + project + "."));
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err().println("devops-cli: " + e.getMessage());
                return ExitCodes.AWS_FAILED;
            }
        }
    }
}
