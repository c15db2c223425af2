package io.devopscli.cli;

import io.devopscli.engine.Action;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Removes what the tool owns, dependents first. Only resources carrying the ownership tag are ever
 * observed, so nothing else can be deleted. Data holders are kept unless --purge.
 */
@Command(name = "down", header = "Remove what the tool owns, dependents first.",
        description = {"Remove what the tool owns (resources tagged devops-cli:project=<project>), "
        + "dependents first. Repositories, images and artifacts are kept unless --purge."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # show what would go, ask, delete",
            "  devops-cli down",
            "  # one region, without asking",
            "  devops-cli down --yes --regions us-east-2",
            "  # also the repositories, images and artifacts",
            "  devops-cli down --purge"})
final class DownCommand extends BaseCommand {
    @Option(names = "--yes", description = "Delete without asking.")
    boolean yes;

    @Option(names = "--purge", description = "Also delete what holds data (repositories, images, artifacts).")
    boolean purge;

    @picocli.CommandLine.Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            Terminal.requireConsentPossible(yes);
            // The lock seen before the plan's reads: taking it by a write conditional on that proves the plan
            // still holds (see UpCommand).
            Session.GraphsAndLock start = session.graphsSeeingLock();
            Plan first = session.engine().planDestroy(start.graphs(), purge);
            if (deletions(first) == 0) {
                int code = finish(session, first, null);
                purgeLockBucket(session);
                return code;
            }
            int code;
            // Deletions to make: under the project lock, with a plan no other run's changes can have outdated.
            try (io.devopscli.resources.lock.ProjectLock held = session.lock("down", lock.lockTimeout, start.lock())) {
                Plan plan = held.unchangedSinceSeen() ? first : session.engine().planDestroy(session.graphs(), purge);
                code = finish(session, plan, held);
            }
            if (code == ExitCodes.OK) {
                purgeLockBucket(session);
            }
            return code;
        }
    }

    private static long deletions(Plan plan) {
        return plan.allChanges().stream().filter(c -> c.action() == Action.DELETE).count();
    }

    /** down --purge leaves nothing: the lock's bucket goes too, once this run's lock is released. */
    private void purgeLockBucket(Session session) {
        if (purge) {
            io.devopscli.resources.lock.ProjectLock.deleteBucket(session.primaryClients(), session.topology().project());
        }
    }

    private int finish(Session session, Plan plan, io.devopscli.resources.lock.ProjectLock held) {
        session.display().pause();
        TableRenderer table = new TableRenderer(out(), session.topology(), color());
        if (!common.json()) {
            table.plan(plan, true);
        }
        long deletions = deletions(plan);
        if (deletions == 0) {
            if (common.json()) {
                JsonOutput.write(out(), document(session, plan, null));
            } else {
                out().println("Nothing owned by " + session.topology().project() + " to delete.");
            }
            return plan.hasObserveFailures() ? ExitCodes.AWS_FAILED : ExitCodes.OK;
        }
        if (!yes && !Terminal.confirm("Delete " + deletions + " resources?", err())) {
            err().println("cancelled, nothing changed");
            return ExitCodes.AWS_FAILED;
        }
        if (purge && !yes && !Terminal.confirm("--purge also deletes repositories, images and artifacts, "
                + "which cannot be recovered. Really purge?", err())) {
            err().println("cancelled, nothing changed");
            return ExitCodes.AWS_FAILED;
        }
        RunReport report = session.run(plan, true);
        if (!Interrupts.requested()) {
            report = verified(session, report);
        }
        if (common.json()) {
            JsonOutput.write(out(), document(session, plan, report));
        } else {
            table.report(report, session.settings().counter(), "Destroy", Interrupts.requested());
        }
        showMutatingCalls(session.settings().counter());
        if (Interrupts.requested()) {
            err().println("devops-cli: interrupted: " + report.with(io.devopscli.engine.NodeResult.Outcome.DONE).size()
                    + " resources were deleted; run `devops-cli down` again to finish the rest");
            return ExitCodes.INTERRUPTED;
        }
        return report.succeeded() && !plan.hasObserveFailures() ? ExitCodes.OK : ExitCodes.AWS_FAILED;
    }

    /**
     * "Complete" only when nothing owned is left: after the deletes, look again, and every resource still
     * found (a duplicate made while we ran, one that came back) fails the run by name.
     */
    private RunReport verified(Session session, RunReport report) {
        if (!report.succeeded()) {
            return report;
        }
        Plan after = session.engine().planDestroy(session.graphs(), purge);
        java.util.List<io.devopscli.engine.NodeResult> results = new java.util.ArrayList<>(report.results());
        // A global resource (the hosted zone) is in every region's graph: one region may keep it on purpose
        // (it holds data) while another plans its delete. Kept is not left behind.
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (io.devopscli.engine.RegionPlan rp : after.regions()) {
            rp.changes().stream().filter(c -> c.action() == Action.NOOP && rp.observed().containsKey(c.key()))
                    .forEach(c -> kept.add(rp.graph().node(c.key()).idOf(rp.observed().get(c.key()))));
        }
        for (io.devopscli.engine.RegionPlan rp : after.regions()) {
            rp.observeFailures().forEach(results::add);
            for (io.devopscli.engine.Change c : rp.changes()) {
                // Regional EC2 resources only (where copies are found): global ones (the Route 53 zone, kept or
                // deleted by one region's graph while the others still list it) are judged by their own delete.
                if (c.action() == Action.DELETE && c.key().service().equals("ec2")
                        && !kept.contains(rp.graph().node(c.key()).idOf(rp.observed().get(c.key())))) {
                    results.add(new io.devopscli.engine.NodeResult(c.key(), Action.DELETE,
                            io.devopscli.engine.NodeResult.Outcome.FAILED, "deleting " + c.key().describe()
                            + ": still there after down (" + String.join(", ", stillThere(rp, c)) + ")", 0, null));
                }
            }
        }
        return new RunReport(results, report.millis());
    }

    private static java.util.List<String> stillThere(io.devopscli.engine.RegionPlan rp, io.devopscli.engine.Change c) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        ids.add(rp.graph().node(c.key()).idOf(rp.observed().get(c.key())));
        ids.addAll(c.duplicates());
        return ids;
    }

    private Map<String, Object> document(Session session, Plan plan, RunReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "down");
        doc.put("project", session.topology().project());
        doc.put("purge", purge);
        doc.put("regions", PlanView.regions(session.topology(), plan));
        if (report != null) {
            doc.put("report", JsonOutput.report(report));
        }
        doc.put("awsCalls", JsonOutput.calls(session.settings().counter()));
        return doc;
    }
}
