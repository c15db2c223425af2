package io.devopscli.cli;

import io.devopscli.engine.Plan;
import io.devopscli.health.HttpProbe;
import io.devopscli.health.LiveCheck;
import io.devopscli.health.LiveStatus;
import io.devopscli.health.ReplicationHealth;
import io.devopscli.topology.Topology;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.topology.RegionSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Per region and resource: in sync, drifted (field, desired, actual) or missing. Read-only. */
@Command(name = "status", description = "Show, per region, what is in sync, drifted or missing.")
final class StatusCommand extends BaseCommand {
    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when everything is in sync, 2 on drift or missing resources, 1 on errors.")
    boolean detailedExitCode;

    @Mixin
    GitServerOptions git;

    @Option(names = "--no-live", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also show live health: ECS counts, target health, the URL probe, the pipeline "
                    + "(default: on; --no-live shows the sync state only).")
    boolean liveHealth;

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            Plan plan = session.engine().plan(session.graphs());
            Map<String, List<LiveCheck>> live = live(session);
            if (common.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "status");
                doc.put("project", session.topology().project());
                doc.put("inSync", !plan.hasChanges() && !plan.hasObserveFailures());
                List<Map<String, Object>> regions = PlanView.regions(session.topology(), plan);
                regions.forEach(r -> r.put("live", PlanView.live(live.get((String) r.get("region")))));
                doc.put("regions", regions);
                doc.put("awsCalls", JsonOutput.calls(session.settings().counter()));
                JsonOutput.write(out(), doc);
            } else {
                TableRenderer table = new TableRenderer(out(), session.topology(), color());
                table.status(plan);
                table.live(live);
            }
            if (plan.hasObserveFailures()) {
                return ExitCodes.AWS_FAILED;
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }

    /** Every region's live checks, read in parallel; read-only and never failing the command. */
    private Map<String, List<LiveCheck>> live(Session session) {
        Map<String, List<LiveCheck>> result = new LinkedHashMap<>();
        if (!liveHealth) {
            return result;
        }
        LiveStatus status = new LiveStatus(session.topology(), session.settings().endpoint().isPresent(),
                new HttpProbe(Duration.ofSeconds(3)), new PipelineStateQuery());
        Map<String, CompletableFuture<List<LiveCheck>>> pending = new LinkedHashMap<>();
        for (RegionSpec region : session.topology().regions()) {
            pending.put(region.name(), CompletableFuture.supplyAsync(() -> status.collect(session.clients(region.name()))));
        }
        Map<String, List<LiveCheck>> replication = replication(session);
        pending.forEach((region, checks) -> {
            List<LiveCheck> all = new java.util.ArrayList<>(checks.join());
            all.addAll(replication.getOrDefault(region, List.of()));
            result.put(region, all);
        });
        return result;
    }

    /** Each secondary's branches against the primary's; needs the primary region in the run. */
    private Map<String, List<LiveCheck>> replication(Session session) {
        Topology topology = session.topology();
        if (topology.regions().stream().noneMatch(RegionSpec::isPrimary)) {
            return Map.of();
        }
        return new ReplicationHealth(topology, git.endpoints(session, topology.primary().name()), git.cache(topology))
                .collect();
    }
}
