package io.devopscli.cli;

import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import java.util.LinkedHashMap;
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

    @Override
    public Integer call() {
        if (detailedExitCode && !dryRun) {
            throw new UsageException("--detailed-exitcode goes with --dry-run (up --dry-run --detailed-exitcode)");
        }
        try (Session session = Session.open(common, err())) {
            if (!dryRun) {
                Terminal.requireConsentPossible(yes);
            }
            Plan plan = session.engine().plan(session.graphs());
            session.display().pause();
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
                    if (!plan.hasChanges() && !plan.hasObserveFailures()) {
                        AppLinks.print(session, out());
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
            RunReport report = session.run(plan, false);
            if (common.json()) {
                JsonOutput.write(out(), document(session, plan, report));
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
