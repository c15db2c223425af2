package io.devopscli.cli;

import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.ApplyTimeEstimate;
import io.devopscli.resources.ecs.RolloutCheck;
import io.devopscli.resources.ecs.ServiceRollout;
import io.devopscli.resources.lock.ProjectLock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes every region match the topology: plan, show it, then apply it. */
@Command(name = "up", header = "Make every region match the topology (plan, confirm, apply).",
        description = {"Make every region match the topology: read what exists, show the plan "
        + "(create / update / replace per resource), ask, then apply it in dependency order, regions in parallel.",
        "Running it again changes nothing; after a failure or Ctrl-C it finishes the rest."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the plan, nothing changed",
            "  devops-cli up --dry-run",
            "  # exit 0 no changes, 2 pending changes",
            "  devops-cli up --dry-run --detailed-exitcode",
            "  # apply one region without asking",
            "  devops-cli up --yes --regions us-east-1"})
final class UpCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--detailed-exitcode",
            description = "With --dry-run: exit 0 when nothing would change, 2 when there are pending changes, 1 on errors.")
    boolean detailedExitCode;

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--no-wait", description = "Return once every resource is applied, without waiting for the "
            + "ECS services to roll out (by default up waits until each changed service runs its new deployment "
            + "with at least its minimum healthy count).")
    boolean noWait;

    @Option(names = "--allow-replace", description = "Let --yes replace stateful or slow resources (VPC, NAT gateway, "
            + "load balancer, hosted zone, data holders); without it such a plan asks even with --yes.")
    boolean allowReplace;

    @picocli.CommandLine.Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        if (detailedExitCode && !dryRun) {
            throw new UsageException("--detailed-exitcode goes with --dry-run (up --dry-run --detailed-exitcode)");
        }
        try (Session session = Session.open(common, err())) {
            if (!dryRun) {
                Terminal.requireConsentPossible(yes);
            }
            // The lock as it is before the plan's reads: taking it later by a write conditional on that proves
            // no other run changed anything in between, so the plan needs no second reading.
            Session.GraphsAndLock start = dryRun ? new Session.GraphsAndLock(session.graphs(), null)
                    : session.graphsSeeingLock();
            List<RegionGraph> graphs = start.graphs();
            Plan plan = session.engine().plan(graphs);
            if (dryRun || !plan.hasChanges()) {
                return finish(session, graphs, plan, null);
            }
            // Changes to make: take the project lock. A run with nothing to do never locks, so a second up
            // still makes zero mutating calls.
            try (ProjectLock held = session.lock("up", lock.lockTimeout, start.lock())) {
                if (held.unchangedSinceSeen()) {
                    return finish(session, graphs, plan, held);
                }
                // Another run held or took the lock since: plan again under it, with fresh graphs (the first
                // plan's memoised reads may be stale now).
                session.display().line("  Another run held the project lock since this plan was read: reading again.");
                List<RegionGraph> fresh = session.graphs();
                return finish(session, fresh, session.engine().plan(fresh), held);
            }
        }
    }

    private int finish(Session session, List<RegionGraph> graphs, Plan plan, ProjectLock held) {
        {
            session.display().pause();
            TableRenderer table = new TableRenderer(out(), session.topology(), color());
            if (!common.json()) {
                table.plan(plan, false);
            }
            if (dryRun || !plan.hasChanges()) {
                ApplyTimeEstimate estimate = ApplyTimeEstimate.of(plan);
                if (common.json()) {
                    Map<String, Object> doc = document(session, plan, null);
                    if (dryRun) {
                        doc.put("estimate", estimate.document());
                    }
                    JsonOutput.write(out(), doc);
                } else {
                    if (dryRun && plan.hasChanges()) {
                        estimate.lines().forEach(out()::println);
                    }
                    out().println(plan.hasChanges() ? "Dry run: nothing was changed."
                            : plan.hasObserveFailures() ? "Some resources could not be read (above): nothing was changed."
                            : "No changes: every region matches the topology. AWS calls: "
                            + session.settings().counter().total() + " (" + session.settings().counter().mutating()
                            + " changed something)");
                    if (!plan.hasChanges() && !plan.hasObserveFailures()) {
                        AppLinks.print(session, out(), plan);
                    }
                }
                showMutatingCalls(session.settings().counter());
                if (plan.hasObserveFailures()) {
                    return ExitCodes.AWS_FAILED;
                }
                return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
            }
            if (!yes && !Terminal.confirm("Apply these changes?", err())) {
                err().println("cancelled, nothing changed");
                return ExitCodes.AWS_FAILED;
            }
            java.util.List<io.devopscli.engine.Change> guarded = ReplaceGuard.guarded(plan);
            if (yes && !allowReplace && !guarded.isEmpty()) {
                String what = ReplaceGuard.describe(guarded);
                if (System.console() == null) {
                    throw new UsageException("the plan would " + what + ": pass --allow-replace to let --yes do that");
                }
                if (!Terminal.confirm("The plan would " + what + ", which is slow to bring back. Go ahead?", err())) {
                    err().println("cancelled, nothing changed");
                    return ExitCodes.AWS_FAILED;
                }
            }
            if (held == null) {
                throw new IllegalStateException("changes are applied only under the project lock");
            }
            RunReport report = session.run(plan, false);
            List<ServiceRollout.Outcome> rollout = Interrupts.requested() ? List.of() : rollout(session, graphs, report);
            boolean rolledOut = rollout.stream().noneMatch(o -> o.check().state() == RolloutCheck.State.FAILED);
            if (common.json()) {
                Map<String, Object> doc = document(session, plan, report);
                doc.put("rollout", rolloutDocument(rollout));
                JsonOutput.write(out(), doc);
            } else {
                table.report(report, session.settings().counter(), "Apply", Interrupts.requested());
                if (report.succeeded()) {
                    AppLinks.print(session, out());
                }
            }
            showMutatingCalls(session.settings().counter());
            if (Interrupts.requested()) {
                err().println("devops-cli: interrupted: " + report.with(io.devopscli.engine.NodeResult.Outcome.DONE).size()
                        + " changes were made; run `devops-cli up` again to finish the rest");
                return ExitCodes.INTERRUPTED;
            }
            return report.succeeded() && rolledOut ? ExitCodes.OK : ExitCodes.AWS_FAILED;
        }
    }

    /** Waits for the changed ECS services to roll out, unless --no-wait; says on stderr what it did. */
    private List<ServiceRollout.Outcome> rollout(Session session, List<RegionGraph> graphs, RunReport report) {
        if (noWait) {
            session.display().line("  Not waiting for ECS services to roll out (--no-wait); `devops-cli status` shows their task counts.");
            return List.of();
        }
        ServiceRollout wait = ServiceRollout.forRun(session.settings().capabilities());
        List<ServiceRollout.Outcome> outcomes = wait.await(graphs, report);
        if (outcomes.isEmpty()) {
            return outcomes;
        }
        long done = outcomes.stream().filter(o -> o.check().state() == RolloutCheck.State.ROLLED_OUT).count();
        session.display().line("  ECS services rolled out: " + done + " of " + outcomes.size()
                + (wait.checksOnce() ? " (" + ServiceRollout.ENDPOINT_NOTE + ")" : ""));
        for (ServiceRollout.Outcome o : outcomes) {
            if (o.check().state() != RolloutCheck.State.ROLLED_OUT) {
                session.display().line("    " + o.service() + " in " + o.region() + ": " + o.check().state().name().toLowerCase()
                        .replace('_', ' ') + ", " + o.check().detail());
            }
        }
        return outcomes;
    }

    private Map<String, Object> rolloutDocument(List<ServiceRollout.Outcome> outcomes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("waited", !noWait);
        doc.put("services", outcomes.stream().map(o -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("region", o.region());
            s.put("service", o.service());
            s.put("state", o.check().state().name().toLowerCase());
            s.put("detail", o.check().detail());
            return s;
        }).toList());
        return doc;
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
