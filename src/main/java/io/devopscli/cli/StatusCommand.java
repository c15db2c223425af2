package io.devopscli.cli;

import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.health.DriftNotifier;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.events.ReplicationSwitch;
import io.devopscli.resources.route53.ActiveRegion;
import io.devopscli.resources.route53.ChainHealth;
import java.util.Optional;
import io.devopscli.health.HttpProbe;
import io.devopscli.health.LiveCheck;
import io.devopscli.health.LiveStatus;
import io.devopscli.health.ReplicationHealth;
import io.devopscli.topology.Topology;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.topology.RegionSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Per region and resource: in sync, drifted (field, desired, actual) or missing. Read-only. */
@Command(name = "status", header = "Show what is not in sync, per region, and live health.",
        description = {"Show, per region, what is not as the topology says (drifted, with the "
        + "field, desired and actual; missing; unreadable), a summary per region, and live health. Read-only.",
        "--all lists every resource, in sync or not."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # what differs, and live health",
            "  devops-cli status",
            "  # every resource, as JSON",
            "  devops-cli status --all -o json",
            "  # the cron drift check (0 / 2 / 1)",
            "  devops-cli status --detailed-exitcode --no-live --notify"})
final class StatusCommand extends BaseCommand {
    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when everything is in sync, 2 on drift or missing resources, 1 on errors.")
    boolean detailedExitCode;

    @Mixin
    GitServerOptions git;

    // Named positively: picocli gives a negatable option's negated form the default value, so naming it
    // --no-live (default true) made --no-live mean true, the inverse of what it says.
    @Option(names = "--live", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show live health: ECS counts, target health, the URL probe, the pipeline, alarms, "
                    + "replication (default: on). --no-live shows the sync state only and makes no live calls.")
    boolean liveHealth;

    @Option(names = "--all", description = "List every resource, in sync ones too (default: only what is not in sync).")
    boolean all;

    @Option(names = "--notify",
            description = "When something drifted or is missing, publish the report to the alarms SNS topic "
                    + "of the primary region.")
    boolean notify;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            List<RegionGraph> graphs = session.graphs();
            // The live checks need nothing of the plan: every region's checks and triggers and Route 53's
            // failover records are read alongside it; the chain's health and the replication check (which
            // needs the source) follow the records.
            Supplier<Map<String, List<LiveCheck>>> regionChecks = liveHealth ? InParallel.start(() -> regionChecks(session))
                    : Map::of;
            Supplier<Map<String, String>> triggers = liveHealth ? InParallel.start(() -> triggers(session)) : Map::of;
            Supplier<Optional<ActiveRegion.Serving>> records = liveHealth ? InParallel.start(() -> serving(session))
                    : Optional::empty;
            Plan plan = session.engine().plan(graphs);
            if (liveHealth) {
                session.display().phase("checking live health of " + String.join(", ",
                        session.topology().regions().stream().map(RegionSpec::name).toList()));
            }
            Optional<ActiveRegion.Serving> serving = records.get();
            Optional<String> active = serving.flatMap(ActiveRegion.Serving::active);
            String source = active.orElse(session.wholeTopology().primary().name());
            Supplier<List<ChainHealth.Link>> chain = serving.isEmpty() ? List::of
                    : InParallel.start(() -> chainHealth(session, serving.get()));
            Map<String, List<LiveCheck>> live = liveHealth ? withReplication(regionChecks.get(), replication(session, source))
                    : Map.of();
            session.display().pause();
            if (common.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "status");
                doc.put("project", session.topology().project());
                doc.put("inSync", !plan.hasChanges() && !plan.hasObserveFailures());
                doc.put("activeRegion", active.orElse(null));
                doc.put("failoverChain", chain.get().stream().map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("region", l.region());
                    m.put("healthCheckId", l.healthCheckId());
                    m.put("health", l.health());
                    return m;
                }).toList());
                if (liveHealth) {
                    Map<String, Object> replication = new LinkedHashMap<>();
                    replication.put("source", source);
                    replication.put("triggers", triggers.get().entrySet().stream().map(e -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("region", e.getKey());
                        m.put("state", e.getValue());
                        return m;
                    }).toList());
                    doc.put("replication", replication);
                }
                List<Map<String, Object>> regions = PlanView.regions(session.topology(), plan);
                regions.forEach(r -> {
                    r.put("serving", active.map(a -> a.equals(r.get("region")) ? "active" : "standby").orElse("unknown"));
                    r.put("live", PlanView.live(live.get((String) r.get("region"))));
                });
                doc.put("regions", regions);
                doc.put("awsCalls", JsonOutput.calls(session.settings().counter()));
                JsonOutput.write(out(), doc);
            } else {
                TableRenderer table = new TableRenderer(out(), session.topology(), color());
                table.status(plan, all);
                table.live(live, active);
                if (liveHealth) {
                    out().println();
                    out().println("Production traffic: " + active.map(a -> "served by " + a + " (Route 53 PRIMARY record)")
                            .orElse("unknown (no failover records found in Route 53)"));
                    if (!chain.get().isEmpty()) {
                        out().println("Failover chain: " + String.join(" > ", chain.get().stream()
                                .map(l -> l.region() + " [" + l.health() + "]").toList()));
                    }
                    out().println("Replication source: " + source + (active.isPresent() ? " (serves production)"
                            : " (the topology's primary: no active region in Route 53)") + "; triggers: "
                            + String.join(", ", triggers.get().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
                }
                Map<String, Optional<String>> urls = new LinkedHashMap<>();
                live.forEach((region, checks) -> urls.put(region, checks.stream().filter(c -> c.name().equals("url"))
                        .findFirst().map(c -> c.ok() ? c.detail() : null)));
                AppLinks.print(session, out(), urls);
            }
            // Drift is published as drift; a check that could not read something is published as an error
            // with its own subject, never as drift (what could not be read is unknown, not drifted).
            if (notify && plan.hasChanges()) {
                notifyDrift(session, graphs, plan, false);
            }
            if (notify && plan.hasObserveFailures()) {
                notifyDrift(session, graphs, plan, true);
            }
            if (plan.hasObserveFailures()) {
                return ExitCodes.AWS_FAILED;
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }

    /** The drift report as the table shows it, to the primary region's alarms topic. */
    private void notifyDrift(Session session, List<RegionGraph> graphs, Plan plan, boolean checkError) {
        Topology topology = session.topology();
        RegionGraph primary = graphs.stream().filter(g -> g.region().equals(topology.primary().name())).findFirst()
                .orElseThrow(() -> new UsageException("--notify publishes in the primary region: --regions must include it"));
        java.io.StringWriter report = new java.io.StringWriter();
        new TableRenderer(new java.io.PrintWriter(report), topology, false).status(plan, false);
        long drifted = plan.allChanges().stream().filter(io.devopscli.engine.Change::mutates).count();
        long unread = plan.regions().stream().mapToLong(r -> r.observeFailures().size()).sum();
        String subject = checkError
                ? "devops-cli drift check error in " + topology.project() + ": " + unread + " resource"
                        + (unread == 1 ? "" : "s") + " could not be read (not drift)"
                : "devops-cli drift in " + topology.project() + ": " + drifted + " resource"
                        + (drifted == 1 ? "" : "s") + " not as the topology says";
        try {
            String topicArn = DriftNotifier.publish(primary.context(), ResourceNames.of(topology).alarmsTopic(),
                    subject, report.toString());
            err().println((checkError ? "Drift check error" : "Drift report") + " published to " + topicArn);
        } catch (AwsFailure e) {
            // the drift is still reported by the exit code and on stdout; the topic may be what is missing
            err().println("devops-cli: could not publish the drift report: " + e.getMessage());
        }
    }

    /** Every region's live checks, read in parallel; read-only and never failing the command. */
    private static Map<String, List<LiveCheck>> regionChecks(Session session) {
        LiveStatus status = new LiveStatus(session.topology(), session.settings().capabilities(),
                new HttpProbe(Duration.ofSeconds(3)), new PipelineStateQuery());
        return InParallel.each(regionNames(session.topology()), region -> status.collect(session.clients(region)));
    }

    /** Each region's checks followed by its replication check. */
    private static Map<String, List<LiveCheck>> withReplication(Map<String, List<LiveCheck>> checks,
                                                                Map<String, List<LiveCheck>> replication) {
        Map<String, List<LiveCheck>> result = new LinkedHashMap<>();
        checks.forEach((region, list) -> {
            List<LiveCheck> all = new java.util.ArrayList<>(list);
            all.addAll(replication.getOrDefault(region, List.of()));
            result.put(region, all);
        });
        return result;
    }

    /** The failover records as Route 53 holds them (active region and chain); empty when they cannot be read. */
    private Optional<ActiveRegion.Serving> serving(Session session) {
        Topology topology = session.wholeTopology();
        try {
            return new ActiveRegion(session.clients(session.topology().regions().get(0).name()).route53(),
                    topology.project()).of(topology.failover().hostedZone(), topology.failover().domain(), regionNames(topology));
        } catch (RuntimeException e) {
            err().println("devops-cli: cannot read the active region from Route 53: " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<ChainHealth.Link> chainHealth(Session session, ActiveRegion.Serving serving) {
        Topology topology = session.wholeTopology();
        return ChainHealth.of(session.clients(session.topology().regions().get(0).name()).route53(), topology.project(),
                regionNames(topology), serving);
    }

    /** Each region's replication trigger (all read at once): ENABLED where the source is, DISABLED elsewhere, or missing. */
    private static Map<String, String> triggers(Session session) {
        String rule = ResourceNames.of(session.topology()).replicationRule();
        return InParallel.each(regionNames(session.topology()), region -> {
            try {
                return ReplicationSwitch.state(session.clients(region).events(), rule).orElse("missing");
            } catch (RuntimeException e) {
                return "unavailable: " + e.getMessage();
            }
        });
    }

    private static List<String> regionNames(Topology topology) {
        return topology.regions().stream().map(RegionSpec::name).toList();
    }

    /** Every other region's branches against the source's; needs the source in the run. */
    private Map<String, List<LiveCheck>> replication(Session session, String source) {
        Topology topology = session.topology();
        if (topology.region(source).isEmpty()) {
            return Map.of();
        }
        Map<String, List<LiveCheck>> checks = new ReplicationHealth(topology, git.endpoints(session, source),
                git.cache(topology), source, java.time.Clock.systemUTC()).collect();
        if (session.settings().capabilities().gitOverHttps()) {
            return checks;
        }
        // an endpoint without git (Gap.GIT_OVER_HTTPS) cannot answer this: not a problem of the architecture
        Map<String, List<LiveCheck>> result = new LinkedHashMap<>();
        checks.forEach((region, list) -> result.put(region, list.stream().map(c -> !c.ok()
                && c.detail().contains("emulator without git") ? LiveCheck.notApplicable(c.name(),
                "the emulator has no git; --git-url REGION=URL checks another git server") : c).toList()));
        return result;
    }
}
