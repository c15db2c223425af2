package io.devopscli.cli;

import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes every region match the topology: plan, show it, then apply it. */
@Command(name = "up", description = "Make every region match the topology (plan, then apply).")
final class UpCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--allow-replace", description = "Let --yes replace stateful or slow resources (VPC, NAT gateway, "
            + "load balancer, hosted zone, data holders); without it such a plan asks even with --yes.")
    boolean allowReplace;

    @picocli.CommandLine.Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            if (!dryRun) {
                Terminal.requireConsentPossible(yes);
            }
            Plan plan = session.engine().plan(session.graphs());
            if (dryRun || !plan.hasChanges()) {
                return finish(session, plan, null);
            }
            // Changes to make: take the project lock, then plan again under it, since another run may have
            // changed things between the first plan and the lock. A run with nothing to do never locks, so
            // a second up still makes zero mutating calls.
            try (io.devopscli.resources.lock.ProjectLock held = session.lock("up", lock.lockTimeout)) {
                // Fresh graphs: the first plan's memoised reads may be stale now.
                return finish(session, session.engine().plan(session.graphs()), held);
            }
        }
    }

    private int finish(Session session, Plan plan, io.devopscli.resources.lock.ProjectLock held) {
        {
            TableRenderer table = new TableRenderer(out(), session.topology(), color());
            if (!common.json()) {
                table.plan(plan, false);
            }
            if (dryRun || !plan.hasChanges()) {
                if (common.json()) {
                    JsonOutput.write(out(), document(session, plan, null));
                } else {
                    out().println(plan.hasChanges() ? "Dry run: nothing was changed."
                            : plan.hasObserveFailures() ? "Some resources could not be read (above): nothing was changed."
                            : "No changes: every region matches the topology. AWS calls: "
                            + session.settings().counter().total() + " (" + session.settings().counter().mutating()
                            + " changed something)");
                }
                showMutatingCalls(session.settings().counter());
                return plan.hasObserveFailures() ? ExitCodes.AWS_FAILED : ExitCodes.OK;
            }
            if (!yes && !Terminal.confirm("Apply these changes?", err())) {
                err().println("Nothing was changed.");
                return ExitCodes.OK;
            }
            java.util.List<io.devopscli.engine.Change> guarded = ReplaceGuard.guarded(plan);
            if (yes && !allowReplace && !guarded.isEmpty()) {
                String what = ReplaceGuard.describe(guarded);
                if (System.console() == null) {
                    throw new UsageException("the plan would " + what + ": pass --allow-replace to let --yes do that");
                }
                if (!Terminal.confirm("The plan would " + what + ", which is slow to bring back. Go ahead?", err())) {
                    err().println("Nothing was changed.");
                    return ExitCodes.OK;
                }
            }
            if (held == null) {
                throw new IllegalStateException("changes are applied only under the project lock");
            }
            RunReport report = session.engine().apply(plan);
            if (common.json()) {
                JsonOutput.write(out(), document(session, plan, report));
            } else {
                table.report(report, session.settings().counter(), "Apply");
            }
            showMutatingCalls(session.settings().counter());
            return report.succeeded() ? ExitCodes.OK : ExitCodes.AWS_FAILED;
        }
    }

    private Map<String, Object> document(Session session, Plan plan, RunReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "up");
        doc.put("project", session.topology().project());
        doc.put("dryRun", dryRun);
        doc.put("changes", plan.hasChanges());
        doc.put("regions", PlanView.regions(session.topology(), plan));
        if (report != null) {
            doc.put("report", JsonOutput.report(report));
        }
        doc.put("awsCalls", JsonOutput.calls(session.settings().counter()));
        return doc;
    }
}
