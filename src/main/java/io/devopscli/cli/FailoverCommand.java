package io.devopscli.cli;

import io.devopscli.failover.FailoverPlan;
import io.devopscli.failover.FailoverRefused;
import io.devopscli.failover.FailoverReport;
import io.devopscli.failover.FailoverRunner;
import io.devopscli.failover.FailoverStep;
import io.devopscli.failover.RepositoryCatchUp;
import io.devopscli.resources.route53.ChangeSync;
import io.devopscli.topology.RegionSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Moves production traffic and the replication source to another region (the steps are FailoverRunner's),
 * and reports each step's time and the total, the recovery time. Failing back is the same command: it
 * first brings the old region's repository up to date from the active one.
 */
@Command(name = "failover", header = "Move production traffic and the replication source to another region.",
        description = {"Move production traffic and the replication source to REGION: check the target, catch "
        + "its repository up from the active region, scale it to production's size, reorder the Route 53 "
        + "failover chain with REGION first, switch the replication trigger, wait until Route 53 is in sync.",
        "Failing back is the same command with the old region; a diverged old region is refused unless --force."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the steps; exits 1 if the target would be refused",
            "  devops-cli failover --to us-east-2 --dry-run",
            "  # ask, then move production",
            "  devops-cli failover --to us-east-2",
            "  # fail back even if the check fails or the old region diverged",
            "  devops-cli failover --to us-east-1 --yes --force"})
final class FailoverCommand extends BaseCommand {
    @Option(names = "--to", required = true, paramLabel = "REGION", description = "Region to serve production.")
    String to;

    @Option(names = "--yes", description = "Fail over without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the steps and change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Fail over even if the target's check fails, and replace the target's "
            + "diverged branches (commits the active region lacks) with the active region's; their old heads are printed.")
    boolean force;

    @Mixin
    GitServerOptions git;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            if (session.topology().region(to).isEmpty()) {
                throw new UsageException("--to " + to + " is not a region of the topology ("
                        + String.join(", ", session.topology().regions().stream().map(RegionSpec::name).toList()) + ")");
            }
            if (!dryRun) {
                Terminal.requireConsentPossible(yes);
            }
            // the whole topology: --regions must not drop a region from the failover chain
            FailoverRunner runner = new FailoverRunner(session.wholeTopology(), session::clients,
                    session.progress(to), ChangeSync.standard(), new RepositoryCatchUp(git.endpoints(session, to),
                            git.cache(session.topology()), session.topology().pipeline().repository()));
            FailoverPlan plan;
            try {
                plan = runner.prepare(to, force);
            } catch (FailoverRefused e) {
                return finish(new FailoverReport(null, to, FailoverReport.Outcome.REFUSED, List.of(), e.getMessage()));
            }
            if (plan.from().equals(to)) {
                return finish(new FailoverReport(to, to, FailoverReport.Outcome.ALREADY_ACTIVE, plan.steps(),
                        to + " already serves production: nothing to do"));
            }
            if (dryRun) {
                int code = finish(runner.dryRun(plan));
                // a dry run that the real run would refuse must not look like a green light to a script
                return plan.mayProceed() ? code : ExitCodes.AWS_FAILED;
            }
            if (!plan.mayProceed()) {
                return finish(new FailoverReport(plan.from(), to, FailoverReport.Outcome.REFUSED, plan.steps(),
                        "refused: " + String.join("; ", plan.checkProblems()) + " (--force overrides)"));
            }
            if (!yes) {
                if (!common.json()) {
                    render(out(), new FailoverReport(plan.from(), to, FailoverReport.Outcome.DRY_RUN,
                            runner.dryRun(plan).steps(), ""));
                }
                if (!Terminal.confirm("Move production from " + plan.from() + " to " + to + "?", err())) {
                    err().println("cancelled, nothing changed");
                    return ExitCodes.AWS_FAILED;
                }
            }
            // Under the project lock, with the records read again: another run may have moved traffic since.
            try (io.devopscli.resources.lock.ProjectLock held = session.lock("failover --to " + to, lock.lockTimeout)) {
                FailoverPlan current = runner.prepare(to, force);
                if (current.from().equals(to)) {
                    return finish(new FailoverReport(to, to, FailoverReport.Outcome.ALREADY_ACTIVE, current.steps(),
                            to + " already serves production: nothing to do"));
                }
                if (!current.mayProceed()) {
                    return finish(new FailoverReport(current.from(), to, FailoverReport.Outcome.REFUSED, current.steps(),
                            "refused: " + String.join("; ", current.checkProblems()) + " (--force overrides)"));
                }
                return finish(runner.execute(current));
            } catch (FailoverRefused e) {
                return finish(new FailoverReport(null, to, FailoverReport.Outcome.REFUSED, List.of(), e.getMessage()));
            }
        }
    }

    private int finish(FailoverReport report) {
        if (common.json()) {
            JsonOutput.write(out(), document(report));
        } else {
            render(out(), report);
        }
        return switch (report.outcome()) {
            case DONE, ALREADY_ACTIVE, DRY_RUN -> ExitCodes.OK;
            case REFUSED, FAILED -> ExitCodes.AWS_FAILED;
        };
    }

    private static void render(PrintWriter out, FailoverReport report) {
        out.println("Failover " + (report.from() == null ? "" : report.from() + " ") + "-> " + report.to());
        int width = report.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (FailoverStep s : report.steps()) {
            out.printf(Locale.ROOT, "  %d. %-" + width + "s  %-7s  %7s  %s%n", s.number(), s.name(),
                    s.status().name().toLowerCase(Locale.ROOT), seconds(s.millis()), s.detail());
        }
        if (report.outcome() == FailoverReport.Outcome.DONE) {
            out.println("Recovery time: " + seconds(report.totalMillis())
                    + " (from reading Route 53 to the new chain in sync and the replication source switched)");
        }
        if (!report.message().isEmpty()) {
            out.println(report.message());
        }
        out.flush();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
    }

    private Map<String, Object> document(FailoverReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "failover");
        doc.put("from", report.from());
        doc.put("to", report.to());
        doc.put("dryRun", dryRun);
        doc.put("force", force);
        doc.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
        doc.put("message", report.message());
        doc.put("steps", report.steps().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.number());
            m.put("name", s.name());
            m.put("status", s.status().name().toLowerCase(Locale.ROOT));
            m.put("detail", s.detail());
            m.put("millis", s.millis());
            return m;
        }).toList());
        doc.put("totalMillis", report.totalMillis());
        return doc;
    }
}
