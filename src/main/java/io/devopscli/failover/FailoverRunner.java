package io.devopscli.failover;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Progress;
import io.devopscli.failover.FailoverStep.Status;
import io.devopscli.resources.ecs.ServiceHealth;
import io.devopscli.resources.elbv2.ElbNames;
import io.devopscli.resources.elbv2.TargetHealthQuery;
import io.devopscli.resources.events.ReplicationSwitch;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.route53.ActiveRegion;
import io.devopscli.resources.route53.ChangeSync;
import io.devopscli.resources.route53.FailoverChain;
import io.devopscli.resources.route53.FailoverRecordSets;
import io.devopscli.resources.route53.RegionTarget;
import io.devopscli.resources.route53.RegionTargets;
import io.devopscli.topology.AppSpec.EnvironmentSpec;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;

/**
 * The steps of `failover --to REGION`, each timed. prepare runs the read-only ones: (1) read the active
 * region and the failover chain from Route 53, (2) check the target (production running at least its
 * minimum, healthy targets), (3) check the target's repository against the active region's (diverged is
 * refused without --force). execute runs the ones that change something: (4) bring the target's
 * repository up to date, (5) scale the target's production service to the active region's desired count,
 * (6) reorder the failover chain with the target first (one change batch), (7) wait until Route 53 reports
 * it in sync, (8) switch the replication source: the target's trigger on, every other region's off.
 * dryRun describes 4 to 8 instead.
 */
public final class FailoverRunner {
    /** The active region may be the one in trouble: reading or changing it must not hang the failover. */
    private static final Duration ACTIVE_READ_BOUND = Duration.ofSeconds(15);

    private final Topology topology;
    private final Function<String, AwsClients> clients;
    private final Progress progress;
    private final ChangeSync sync;
    private final RepositoryCatchUp repositories;
    private final ResourceNames names;
    /** The environment failover moves: the last one (production in the reference topology). */
    private final String production;

    /** @param repositories where the regions' git repositories are, for steps 3 and 4 */
    public FailoverRunner(Topology topology, Function<String, AwsClients> clients, Progress progress, ChangeSync sync,
                          RepositoryCatchUp repositories) {
        this.topology = topology;
        this.clients = clients;
        this.progress = progress;
        this.sync = sync;
        this.repositories = repositories;
        this.names = ResourceNames.of(topology);
        this.production = topology.app().lastEnvironment();
    }

    /**
     * Steps 1 and 2 (read-only). Throws FailoverRefused when there is nothing to fail over (no zone or
     * no records yet). When the target is already active, the plan has from == to and no step 2.
     */
    public FailoverPlan prepare(String to, boolean force) {
        if (topology.region(to).isEmpty()) {
            throw new IllegalArgumentException(to + " is not a region of the topology");
        }
        List<FailoverStep> steps = new ArrayList<>();
        ActiveRegion.Serving serving = step(steps, 1, "read active region", () -> {
            ActiveRegion.Serving s = new ActiveRegion(r53(), topology.project())
                    .of(topology.failover().hostedZone(), topology.failover().domain(), regionNames())
                    .orElseThrow(() -> new FailoverRefused("no hosted zone " + topology.failover().hostedZone()
                            + " in Route 53: run up first"));
            if (s.active().isEmpty()) {
                throw new FailoverRefused("no PRIMARY failover record for " + topology.failover().domain()
                        + " naming a region of the topology: run up first");
            }
            return new Detailed<>(s, s.active().get() + " serves production; failover chain "
                    + String.join(" > ", s.chain()));
        });
        String from = serving.active().orElseThrow();
        if (from.equals(to)) {
            return new FailoverPlan(from, to, serving.zoneId(), serving.records(), serving.chain(), null, 0, 0,
                    List.of(), null, force, steps);
        }
        Check check = step(steps, 2, "check target", () -> {
            Check c = check(to);
            String detail = c.summary() + (c.problems().isEmpty() ? "" : (force ? "; going on (--force): " : "; ")
                    + String.join("; ", c.problems()));
            return new Detailed<>(c, detail);
        });
        if (!check.problems().isEmpty() && !force) {
            steps.set(steps.size() - 1, withStatus(steps.get(steps.size() - 1), Status.FAILED));
        }
        if (check.target() == null) {
            // without the target's load balancer and health check there is nothing to point PRIMARY at
            throw new FailoverRefused(to + " has no load balancer or health check of " + topology.project()
                    + ": run up first");
        }
        RepositoryCatchUp.Check repository = step(steps, 3, "check repository", () -> {
            RepositoryCatchUp.Check c = repositories.check(from, to);
            return new Detailed<>(c, c.summary() + (c.diverged().isEmpty() ? ""
                    : force ? "; going on (--force replaces them)" : "; refused (--force replaces them)"));
        });
        if (!repository.diverged().isEmpty() && !force) {
            steps.set(steps.size() - 1, withStatus(steps.get(steps.size() - 1), Status.FAILED));
        }
        List<String> problems = new ArrayList<>(check.problems());
        if (!repository.diverged().isEmpty()) {
            problems.add(repository.summary());
        }
        int desired = desiredToMatch(from, check.currentDesired());
        return new FailoverPlan(from, to, serving.zoneId(), serving.records(), serving.chain(), check.target(),
                check.currentDesired(), desired, problems, repository, force, steps);
    }

    /** Steps 3 to 5 on a plan that may proceed; the report holds all five steps. */
    public FailoverReport execute(FailoverPlan plan) {
        if (!plan.mayProceed()) {
            throw new IllegalStateException("the plan's target failed its check and --force was not given");
        }
        List<FailoverStep> steps = new ArrayList<>(plan.steps());
        try {
            step(steps, 4, "catch up repository", () -> new Detailed<>(null, catchUp(plan)));
            step(steps, 5, "scale target", () -> new Detailed<>(null, scale(plan)));
            ChangeInfo change = step(steps, 6, "move traffic", () -> {
                FailoverChain chain = chainFor(plan);
                List<Change> changes = FailoverRecordSets.changes(topology.project(), topology.failover().domain(),
                        chain.records(topology.project(), topology.failover().domain(), plan.zoneId(), targets(plan, chain)),
                        plan.records());
                ChangeInfo info = FailoverRecordSets.submit(r53(), plan.zoneId(), changes,
                        "devops-cli failover " + plan.from() + " -> " + plan.to());
                return new Detailed<>(info, "failover chain " + String.join(" > ", chain.order()) + " for "
                        + topology.failover().domain() + ": " + changes.size() + " records in one batch (change "
                        + info.id() + ")");
            });
            step(steps, 7, "wait for Route 53", () -> {
                sync.await(r53(), change, "failover to " + plan.to(), progress);
                return new Detailed<>(null, "change " + change.id() + " is INSYNC");
            });
            step(steps, 8, "switch replication source", () -> new Detailed<>(null, switchSource(plan.to())));
        } catch (RuntimeException e) {
            return new FailoverReport(plan.from(), plan.to(), FailoverReport.Outcome.FAILED, steps, message(e));
        }
        return new FailoverReport(plan.from(), plan.to(), FailoverReport.Outcome.DONE, steps,
                plan.to() + " now serves production");
    }

    /** What execute would do, changing nothing. */
    public FailoverReport dryRun(FailoverPlan plan) {
        List<FailoverStep> steps = new ArrayList<>(plan.steps());
        steps.add(new FailoverStep(4, "catch up repository", Status.PLANNED, catchUpSummary(plan), 0));
        steps.add(new FailoverStep(5, "scale target", Status.PLANNED, scaleSummary(plan), 0));
        steps.add(new FailoverStep(6, "move traffic", Status.PLANNED, "failover chain "
                + String.join(" > ", FailoverChain.activeFirst(plan.to(), regionNames()).order()) + " for "
                + topology.failover().domain() + " in one change batch (now " + String.join(" > ", plan.chain()) + ")", 0));
        steps.add(new FailoverStep(7, "wait for Route 53", Status.PLANNED, "until the change is INSYNC", 0));
        steps.add(new FailoverStep(8, "switch replication source", Status.PLANNED, "enable the replication trigger in "
                + plan.to() + ", disable it in " + String.join(", ", others(plan.to())), 0));
        return new FailoverReport(plan.from(), plan.to(), FailoverReport.Outcome.DRY_RUN, steps,
                "dry run: nothing was changed" + (plan.targetHealthy() ? "" : "; the target would be refused without --force"));
    }

    /** Step 2's findings: what is wrong with the target (empty when healthy), and its failover target. */
    record Check(String summary, List<String> problems, RegionTarget target, int currentDesired) {}

    private Check check(String to) {
        AwsClients target = clients.apply(to);
        EnvironmentSpec size = topology.app().environments().get(production);
        List<String> problems = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        String service = names.service(production);
        Optional<ServiceHealth.Counts> counts = ServiceHealth.of(target.ecs(), names.cluster(), service);
        int currentDesired = counts.map(ServiceHealth.Counts::desired).orElse(0);
        if (counts.isEmpty()) {
            problems.add("no " + production + " service " + service + " in " + to);
        } else {
            summary.add(service + " running " + counts.get().running() + " (min " + size.min() + ", desired "
                    + counts.get().desired() + ")");
            if (counts.get().running() < size.min()) {
                problems.add(service + " runs " + counts.get().running() + " tasks, below its minimum of " + size.min());
            }
        }
        String groupName = ElbNames.fit(names.targetGroup(production));
        Optional<String> group = AwsCall.orEmpty(() -> target.elbv2().describeTargetGroups(r -> r.names(groupName))
                .targetGroups()).flatMap(l -> l.stream().findFirst()).map(g -> g.targetGroupArn());
        if (group.isEmpty()) {
            problems.add("no target group " + groupName + " in " + to);
        } else {
            TargetHealthQuery.Counts health = new TargetHealthQuery(target.elbv2()).counts(group.get());
            summary.add("target group " + groupName + ": " + health.render());
            if (health.of("healthy") == 0) {
                problems.add("target group " + groupName + " has no healthy targets");
            }
        }
        RegionTarget failoverTarget = new RegionTargets(target, topology.project(), names.loadBalancer())
                .find(to).orElse(null);
        if (failoverTarget == null) {
            problems.add("no load balancer or health check of " + to);
        }
        return new Check(to + ": " + String.join(", ", summary), problems, failoverTarget, currentDesired);
    }

    /**
     * The active region's production desired count (what it serves with now), within the topology's
     * max. When the active region cannot be read, which may be why we fail over, the topology's desired.
     */
    private int desiredToMatch(String from, int targetDesired) {
        EnvironmentSpec size = topology.app().environments().get(production);
        int active;
        try {
            active = AwsCall.within(ACTIVE_READ_BOUND, () -> clients.apply(from).ecs().describeServices(r -> r
                            .cluster(names.cluster()).services(names.service(production))).services())
                    .stream().filter(s -> "ACTIVE".equals(s.status())).findFirst().map(Service::desiredCount)
                    .orElse(size.desired());
        } catch (AwsFailure e) {
            progress.info("reading " + from + "'s desired count failed (" + e.getMessage() + "); using the topology's "
                    + size.desired());
            active = size.desired();
        }
        return Math.max(targetDesired, Math.min(active, size.max()));
    }

    /**
     * Raises the desired count only: autoscaling keeps the topology's min and max (raising the scalable
     * target's min would be drift that the next up reverts) and scales from here as the traffic arrives.
     * Tasks start in the background: the target already passed its check with its minimum running.
     */
    private String scale(FailoverPlan plan) {
        if (plan.desiredCount() <= plan.currentDesired()) {
            return scaleSummary(plan);
        }
        AwsCall.run(() -> clients.apply(plan.to()).ecs().updateService(r -> r
                .cluster(names.cluster()).service(names.service(production)).desiredCount(plan.desiredCount())));
        return scaleSummary(plan);
    }

    private String scaleSummary(FailoverPlan plan) {
        String service = names.service(production) + " in " + plan.to();
        return plan.desiredCount() <= plan.currentDesired()
                ? service + " already has desired count " + plan.currentDesired() + " (matches " + plan.from() + ")"
                : service + ": desired count " + plan.currentDesired() + " -> " + plan.desiredCount()
                        + " (as in " + plan.from() + "; autoscaling min/max unchanged)";
    }

    private String catchUp(FailoverPlan plan) {
        RepositoryCatchUp.Check check = plan.repository();
        if (!check.available() || check.toMove() == 0 && check.diverged().isEmpty()) {
            return catchUpSummary(plan);
        }
        return repositories.apply(plan.from(), plan.to(), plan.forced());
    }

    private static String catchUpSummary(FailoverPlan plan) {
        RepositoryCatchUp.Check check = plan.repository();
        if (!check.available()) {
            return "skipped: " + check.summary();
        }
        if (check.toMove() == 0 && check.diverged().isEmpty()) {
            return "nothing to do: " + check.summary();
        }
        return "mirror " + plan.from() + " onto " + plan.to() + " (" + check.summary() + ")";
    }

    /**
     * The target first, then the others in the topology's order; a region with no load balancer or
     * health check (none in the records, none found) is left out rather than blocking the failover.
     */
    private FailoverChain chainFor(FailoverPlan plan) {
        Map<String, RegionTarget> targets = targets(plan, FailoverChain.activeFirst(plan.to(), regionNames()));
        return new FailoverChain(FailoverChain.activeFirst(plan.to(), regionNames()).order().stream()
                .filter(targets::containsKey).toList());
    }

    /**
     * Each region's target: the target region's as step 2 found it, the others' as the records point at
     * them now (no call to a region that may be down), else looked up, within a bound.
     */
    private Map<String, RegionTarget> targets(FailoverPlan plan, FailoverChain chain) {
        Map<String, RegionTarget> targets = new LinkedHashMap<>(FailoverChain.targetsIn(topology.project(),
                regionNames(), plan.records()));
        targets.put(plan.to(), plan.target());
        for (String region : chain.order()) {
            if (!targets.containsKey(region)) {
                try {
                    AwsCall.within(ACTIVE_READ_BOUND, () -> new RegionTargets(clients.apply(region), topology.project(),
                            names.loadBalancer()).find(region))
                            .ifPresent(t -> targets.put(region, t));
                } catch (RuntimeException e) {
                    progress.info("leaving " + region + " out of the failover chain: " + message(e));
                }
            }
        }
        return targets;
    }

    /**
     * Enables the target's replication trigger, then disables the others' (each within a bound: the old
     * active region may be down, and up disables its trigger once it is back, as Route 53 says). Only the
     * target failing fails the step.
     */
    private String switchSource(String to) {
        String rule = names.replicationRule();
        AwsClients target = clients.apply(to);
        if (ReplicationSwitch.state(target.events(), rule).isEmpty()) {
            throw new IllegalStateException("no replication trigger " + rule + " in " + to + ": run up first");
        }
        ReplicationSwitch.enable(target.events(), rule);
        List<String> notes = new ArrayList<>(List.of(to + " enabled"));
        for (String other : others(to)) {
            try {
                AwsCall.within(ACTIVE_READ_BOUND, () -> {
                    ReplicationSwitch.disable(clients.apply(other).events(), rule);
                    return true;
                });
                notes.add(other + " disabled");
            } catch (RuntimeException e) {
                notes.add(other + " not disabled (" + message(e) + "; up disables it)");
            }
        }
        return "replication source is " + to + ": " + String.join(", ", notes);
    }

    private List<String> others(String region) {
        return regionNames().stream().filter(r -> !r.equals(region)).toList();
    }

    private List<String> regionNames() {
        return topology.regions().stream().map(RegionSpec::name).toList();
    }

    private Route53Client r53() {
        return clients.apply(topology.regions().get(0).name()).route53(); // global: any region's client
    }

    private record Detailed<T>(T value, String detail) {}

    /** Runs one step, timing it; a failure is recorded as a FAILED step and rethrown. */
    private <T> T step(List<FailoverStep> steps, int number, String name, Supplier<Detailed<T>> body) {
        progress.info(number + ". " + name + " ...");
        long start = System.nanoTime();
        try {
            Detailed<T> result = body.get();
            steps.add(new FailoverStep(number, name, Status.DONE, result.detail(), elapsed(start)));
            return result.value();
        } catch (RuntimeException e) {
            steps.add(new FailoverStep(number, name, Status.FAILED, message(e), elapsed(start)));
            throw e;
        }
    }

    private static FailoverStep withStatus(FailoverStep s, Status status) {
        return new FailoverStep(s.number(), s.name(), status, s.detail(), s.millis());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
