package io.devopscli.cli;

import io.devopscli.aws.CallCounter;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionPlan;
import io.devopscli.engine.RunReport;
import io.devopscli.topology.Topology;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;

/** Human-readable plans, status and run reports for a terminal. */
final class TableRenderer {
    private final PrintWriter out;
    private final Topology topology;
    private final boolean color;

    TableRenderer(PrintWriter out, Topology topology, boolean color) {
        this.out = out;
        this.topology = topology;
        this.color = color;
    }

    /** The plan of up or down: a summary line per region, then one line per resource that changes. */
    void plan(Plan plan, boolean destroy) {
        for (RegionPlan rp : plan.regions()) {
            if (destroy) {
                out.printf("%s (%s): %d to delete, %d kept%n", rp.region(), role(rp), rp.count(Action.DELETE),
                        rp.count(Action.NOOP));
            } else {
                out.printf("%s (%s): %d to create, %d to update, %d to replace, %d unchanged%n", rp.region(), role(rp),
                        rp.count(Action.CREATE), rp.count(Action.UPDATE), rp.count(Action.REPLACE), rp.count(Action.NOOP));
            }
            rp.changes().stream().sorted(Comparator.comparing(Change::key))
                    .filter(c -> c.mutates() || destroy)
                    .forEach(this::change);
            rp.observeFailures().forEach(f -> out.println("  ! " + f.message()));
        }
        out.flush();
    }

    private void change(Change c) {
        String symbol = switch (c.action()) {
            case CREATE -> paint("+", "32");
            case UPDATE -> paint("~", "33");
            case REPLACE -> paint("-/+", "35");
            case DELETE -> paint("-", "31");
            case NOOP -> "=";
        };
        String note = c.action() == Action.NOOP && c.duplicates().isEmpty() ? "  (kept: holds data; --purge deletes it)" : "";
        out.printf("  %s %s %s%s%n", symbol, c.key().type(), c.key().name(), note);
        if (!c.duplicates().isEmpty()) {
            out.printf("      %s: %s%n", paint("duplicate", "31"), c.duplicates().size() == 1
                    ? c.duplicates().get(0) + " is a second copy, to delete"
                    : String.join(", ", c.duplicates()) + " are extra copies, to delete");
        }
        if (c.cascade().isPresent()) {
            out.printf("      %s%n", c.reason());
        }
        for (FieldChange f : c.fields()) {
            out.printf("      %s: %s -> %s%s%n", f.field(), f.actual(), f.desired(),
                    f.immutable() ? " (forces replacement)" : "");
        }
    }

    /**
     * status: what is not in sync (every resource with all), the drifted fields under each, then a summary
     * per region. Like terraform plan, what matches is only counted, so a drift is not lost in 200 lines.
     */
    void status(Plan plan, boolean all) {
        boolean anyListed = all || plan.regions().stream().anyMatch(rp -> !rp.observeFailures().isEmpty()
                || rp.changes().stream().anyMatch(c -> c.action().mutates() || !c.duplicates().isEmpty()));
        int width = plan.regions().stream().flatMap(rp -> rp.graph().nodes().stream())
                .mapToInt(n -> n.key().type().length() + 1 + n.key().name().length()).max().orElse(8);
        int regionWidth = plan.regions().stream().mapToInt(rp -> rp.region().length()).max().orElse(6);
        String format = "%-" + Math.max(6, regionWidth) + "s  %-9s  %-" + width + "s  %s%n";
        if (anyListed) {
            out.printf(format, "REGION", "ROLE", "RESOURCE", "STATE");
        }
        for (RegionPlan rp : plan.regions()) {
            for (Change c : rp.changes().stream().filter(c -> all || c.action().mutates() || !c.duplicates().isEmpty())
                    .sorted(Comparator.comparing(Change::key)).toList()) {
                out.printf(format, rp.region(), role(rp), c.key().type() + " " + c.key().name(),
                        paintState(PlanView.state(c)));
                if (!c.duplicates().isEmpty()) {
                    out.printf("      kept %s; duplicates: %s%n", rp.graph().node(c.key()).idOf(rp.observed().get(c.key())),
                            String.join(", ", c.duplicates()));
                }
                if (c.cascade().isPresent()) {
                    out.printf("      %s%n", c.reason());
                }
                for (FieldChange f : c.fields()) {
                    out.printf("      %s: desired %s, actual %s%n", f.field(), f.desired(), f.actual());
                }
            }
            for (NodeResult f : rp.observeFailures()) {
                out.printf(format, rp.region(), role(rp), f.key().type() + " " + f.key().name(),
                        paintState(f.outcome() == NodeResult.Outcome.SKIPPED ? "unknown" : "error"));
                out.printf("      %s%n", f.message());
            }
        }
        if (anyListed) {
            out.println();
        }
        for (RegionPlan rp : plan.regions()) {
            long drifted = rp.count(Action.UPDATE) + rp.count(Action.REPLACE);
            long inSync = rp.changes().stream().filter(c -> c.action() == Action.NOOP && c.duplicates().isEmpty()).count();
            out.printf("%s (%s): %d in sync, %d drifted, %d duplicated, %d missing, %d unreadable, %d unknown%n",
                    rp.region(), role(rp), inSync, drifted, rp.countDuplicated(), rp.count(Action.CREATE),
                    rp.countUnread(NodeResult.Outcome.FAILED), rp.countUnread(NodeResult.Outcome.SKIPPED));
        }
        if (!anyListed) {
            out.println("Every resource is in sync with the topology (--all lists them).");
        }
        out.flush();
    }

    /** The live view under status: per region, each check with ok or a mark that it needs a look. */
    void live(java.util.Map<String, java.util.List<io.devopscli.health.LiveCheck>> live,
              java.util.Optional<String> active) {
        live.forEach((region, checks) -> {
            String serving = active.map(a -> a.equals(region) ? ", active" : ", standby").orElse("");
            out.printf("%nLIVE %s (%s%s)%n", region,
                    topology.region(region).map(r -> r.role().name().toLowerCase()).orElse("?"), serving);
            int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(8);
            String markFormat = "%-" + (checks.stream().allMatch(io.devopscli.health.LiveCheck::applicable) ? 2 : 14) + "s";
            for (io.devopscli.health.LiveCheck c : checks) {
                String mark = !c.applicable() ? String.format(markFormat, "n/a (emulator)")
                        : c.ok() ? paint(String.format(markFormat, "ok"), "32") : paint(String.format(markFormat, "!!"), "33");
                out.printf("  %-" + width + "s  %s  %s%n", c.name(), mark, c.detail());
            }
        });
        out.flush();
    }

    /** The end of up or down: what was done, what failed and why, what was skipped, and the AWS calls. */
    void report(RunReport report, CallCounter calls, String verb) {
        report(report, calls, verb, false);
    }

    /** After Ctrl-C, what was not started is counted rather than listed: the next run does all of it. */
    void report(RunReport report, CallCounter calls, String verb, boolean interrupted) {
        for (NodeResult r : report.with(NodeResult.Outcome.FAILED)) {
            out.println(paint("failed: ", "31") + r.message());
        }
        if (interrupted) {
            out.println("interrupted: " + report.with(NodeResult.Outcome.SKIPPED).size() + " not started");
        } else {
            for (NodeResult r : report.with(NodeResult.Outcome.SKIPPED)) {
                out.println("skipped: " + r.key() + " (" + r.message().substring(r.message().indexOf(": ") + 2) + ")");
            }
        }
        out.printf(Locale.ROOT, "%s %s: %d done, %d failed, %d skipped, %d unchanged in %.1fs; AWS calls: %d (%d changed something)%n",
                verb, report.succeeded() ? "complete" : "incomplete", report.with(NodeResult.Outcome.DONE).size(),
                report.with(NodeResult.Outcome.FAILED).size(), report.with(NodeResult.Outcome.SKIPPED).size(),
                report.with(NodeResult.Outcome.UNCHANGED).size(), report.millis() / 1000.0, calls.total(), calls.mutating());
        if (!report.succeeded()) {
            out.println("Run the same command again to finish: it picks up where this run stopped.");
        }
        out.flush();
    }

    /** --verbose: which operations changed something, and how often. */
    void mutatingCalls(CallCounter calls) {
        calls.mutatingByOperation().forEach((operation, count) -> out.printf("  %s x%d%n", operation, count));
        out.flush();
    }

    private String role(RegionPlan rp) {
        return topology.region(rp.region()).map(r -> r.role().name().toLowerCase()).orElse("?");
    }

    private String paintState(String state) {
        return switch (state) {
            case "in-sync" -> paint(state, "32");
            case "drifted", "duplicate" -> paint(state, "33");
            default -> paint(state, "31");
        };
    }

    private String paint(String text, String ansi) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
