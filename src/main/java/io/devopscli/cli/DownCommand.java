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

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            Terminal.requireConsentPossible(yes);
            Plan plan = session.engine().planDestroy(session.graphs(), purge);
            session.display().pause();
            TableRenderer table = new TableRenderer(out(), session.topology(), color());
            if (!common.json()) {
                table.plan(plan, true);
            }
            long deletions = plan.allChanges().stream().filter(c -> c.action() == Action.DELETE).count();
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
