package io.devopscli.resources.route53;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;

/**
 * The domain's two failover alias records, PRIMARY to the active region's load balancer and SECONDARY
 * to a standby's, each with its region's health check. The node lives in the primary region's graph
 * (after the zone and that region's load balancer and health check) and reads the other regions'
 * targets directly (RegionTargets).
 *
 * Which region is active is Route 53's to say: on create PRIMARY is the topology's primary; afterwards
 * the records' roles stand, so up never undoes a failover. Drift is a missing record, one naming a
 * region outside the topology, or a record whose alias target or health check is not its region's.
 */
public final class FailoverRecordsReconciler implements Reconciler<FailoverRecordsSpec, FailoverRecordsState> {
    private final Waiter targetsWaiter;
    private final ChangeSync sync;

    public FailoverRecordsReconciler() {
        // the other regions' graphs run in parallel: their load balancers take 2 to 3 minutes on AWS
        this(Waiter.upTo(Duration.ofMinutes(15)), ChangeSync.standard());
    }

    public FailoverRecordsReconciler(Waiter targetsWaiter, ChangeSync sync) {
        this.targetsWaiter = targetsWaiter;
        this.sync = sync;
    }

    @Override
    public Optional<FailoverRecordsState> observe(FailoverRecordsSpec spec, RegionContext ctx) {
        Optional<String> zoneId = ctx.idOf(spec.zone());
        if (zoneId.isEmpty()) {
            return Optional.empty();
        }
        Route53Client r53 = r53(ctx);
        List<FailoverRecord> records = FailoverRecordSets.list(r53, zoneId.get(), spec.domain());
        if (records.isEmpty()) {
            return Optional.empty();
        }
        FailoverRoles roles = roles(spec, ctx.project(), records);
        RegionTargets finder = targets(spec, ctx);
        List<HealthChecks.Owned> checks = HealthChecks.memoised(ctx, r53);
        Map<String, RegionTarget> targets = new LinkedHashMap<>();
        for (String region : List.of(roles.primary(), roles.secondary())) {
            finder.find(region, checks).ifPresent(t -> targets.put(region, t));
        }
        return Optional.of(new FailoverRecordsState(zoneId.get(), spec.domain(), records, targets));
    }

    /** Pure: compares each role's record with the one its region's target calls for. */
    @Override
    public List<FieldChange> diff(FailoverRecordsSpec spec, FailoverRecordsState actual) {
        String project = spec.project();
        FailoverRoles roles = FailoverRoles.desired(project, spec.regions(), spec.topologyPrimary(), actual.records());
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, FailoverRecord.PRIMARY, roles.primary(), project, actual);
        compare(changes, FailoverRecord.SECONDARY, roles.secondary(), project, actual);
        List<String> wanted = List.of(FailoverNames.setIdentifier(project, roles.primary()),
                FailoverNames.setIdentifier(project, roles.secondary()));
        for (FailoverRecord r : actual.records()) {
            if (!wanted.contains(r.setIdentifier())) {
                changes.add(FieldChange.of("stale record " + r.setIdentifier(), "absent", r.render()));
            }
        }
        return changes;
    }

    @Override
    public FailoverRecordsState create(FailoverRecordsSpec spec, RegionContext ctx) {
        return converge(spec, ctx);
    }

    @Override
    public FailoverRecordsState update(FailoverRecordsSpec spec, FailoverRecordsState actual, List<FieldChange> changes,
                                       RegionContext ctx) {
        return converge(spec, ctx);
    }

    /** Only this project's records: a record of the domain with another's set identifier stays. */
    @Override
    public void delete(FailoverRecordsState actual, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        List<FailoverRecord> ours = FailoverRecordSets.list(r53, actual.zoneId(), actual.domain()).stream()
                .filter(r -> FailoverNames.isProjects(ctx.project(), r.setIdentifier())).toList();
        if (ours.isEmpty()) {
            return;
        }
        sync.await(r53, FailoverRecordSets.submit(r53, actual.zoneId(), FailoverRecordSets.deletions(actual.domain(), ours),
                "devops-cli down: " + ctx.project()), "deleting failover records of " + actual.domain(), ctx.progress());
    }

    @Override
    public String id(FailoverRecordsState actual) {
        return actual.domain();
    }

    /** Reads the records afresh, waits for the targets their roles need, and UPSERTs what differs. */
    private FailoverRecordsState converge(FailoverRecordsSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        String zoneId = ctx.requireId(spec.zone());
        List<FailoverRecord> records = FailoverRecordSets.list(r53, zoneId, spec.domain());
        FailoverRoles roles = roles(spec, ctx.project(), records);
        RegionTargets finder = targets(spec, ctx);
        Map<String, RegionTarget> targets = targetsWaiter.until("failover records of " + spec.domain()
                + ": waiting for the load balancers and health checks of " + roles.primary() + " and "
                + roles.secondary(), ctx.progress(), () -> {
                    List<HealthChecks.Owned> checks = HealthChecks.owned(r53, ctx.project());
                    Optional<RegionTarget> primary = finder.find(roles.primary(), checks);
                    Optional<RegionTarget> secondary = finder.find(roles.secondary(), checks);
                    return primary.isPresent() && secondary.isPresent()
                            ? Optional.of(Map.of(roles.primary(), primary.get(), roles.secondary(), secondary.get()))
                            : Optional.empty();
                });
        List<Change> changes = FailoverRecordSets.changes(ctx.project(), spec.domain(), roles, targets, records);
        if (!changes.isEmpty()) {
            sync.await(r53, FailoverRecordSets.submit(r53, zoneId, changes, "devops-cli up: " + ctx.project()),
                    "writing failover records of " + spec.domain(), ctx.progress());
        }
        return new FailoverRecordsState(zoneId, spec.domain(), FailoverRecordSets.list(r53, zoneId, spec.domain()),
                targets);
    }

    private static void compare(List<FieldChange> changes, String role, String region, String project,
                                FailoverRecordsState actual) {
        RegionTarget target = actual.targets().get(region);
        String desired = target == null
                ? FailoverNames.setIdentifier(project, region) + " -> (no load balancer or health check of " + region + ")"
                : target.record(project, role).normalized().render();
        List<String> found = actual.records().stream().filter(r -> role.equals(r.role()))
                .map(r -> r.normalized().render()).toList();
        String current = found.isEmpty() ? "absent" : String.join(" + ", found);
        if (!desired.equals(current)) {
            changes.add(FieldChange.of(role, desired, current));
        }
    }

    private static FailoverRoles roles(FailoverRecordsSpec spec, String project, List<FailoverRecord> records) {
        return FailoverRoles.desired(project, spec.regions(), spec.topologyPrimary(), records);
    }

    private static RegionTargets targets(FailoverRecordsSpec spec, RegionContext ctx) {
        return new RegionTargets(ctx.services(AwsClients.class), ctx.project(), spec.loadBalancerName());
    }

    private static Route53Client r53(RegionContext ctx) {
        return ctx.services(AwsClients.class).route53();
    }
}
