package io.devopscli.cli;

import io.devopscli.engine.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Per region and resource: in sync, drifted (field, desired, actual) or missing. Read-only. */
@Command(name = "status", description = "Show, per region, what is in sync, drifted or missing.")
final class StatusCommand extends BaseCommand {
    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when everything is in sync, 2 on drift or missing resources, 1 on errors.")
    boolean detailedExitCode;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            Plan plan = session.engine().plan(session.graphs());
            if (common.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "status");
                doc.put("project", session.topology().project());
                doc.put("inSync", !plan.hasChanges() && !plan.hasObserveFailures());
                doc.put("regions", PlanView.regions(session.topology(), plan));
                doc.put("awsCalls", JsonOutput.calls(session.settings().counter()));
                JsonOutput.write(out(), doc);
            } else {
                new TableRenderer(out(), session.topology(), color()).status(plan);
            }
            if (plan.hasObserveFailures()) {
                return ExitCodes.AWS_FAILED;
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }
}
