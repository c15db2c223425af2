package io.devopscli.resources.route53;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
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
 * The failover chain (FailoverChain): every region of the topology in DNS, the active region first, each
 * level's PRIMARY aliasing a region's load balancer with that region's health check. The node lives in
 * the primary region's graph (after the zone and that region's load balancer and health check) and reads
 * the other regions' targets directly (RegionTargets).
 *
 * Which region is active is Route 53's to say: on create it is the topology's primary; afterwards the
 * level-0 PRIMARY stands, so up never undoes a failover, and the rest of the chain follows from it. Drift
 * is a missing or stale record, or a record whose alias target or health check is not its region's.
 */
public final class FailoverRecordsReconciler implements Reconciler<FailoverRecordsSpec, FailoverRecordsState>,
        Updatable<FailoverRecordsSpec, FailoverRecordsState> {
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
        // from the plan's one read of the zone's records (ZoneRecords), else a lookup per level
        List<FailoverRecord> records = ZoneRecords.observed(ctx, zoneId.get())
                .map(zone -> FailoverRecordSets.chainIn(zone, ctx.project(), spec.domain(), spec.regions().size()))
                .orElseGet(() -> FailoverRecordSets.listChain(r53, zoneId.get(), ctx.project(), spec.domain(),
                        spec.regions().size()));
        if (records.isEmpty()) {
            return Optional.empty();
        }
        RegionTargets finder = targets(spec, ctx);
        List<HealthChecks.Owned> checks = HealthChecks.memoised(ctx, r53);
        return Optional.of(new FailoverRecordsState(zoneId.get(), spec.domain(), records, finder.findAll(spec.regions(), checks)));
    }

    /** Pure: compares each level's records with the ones the chain calls for, and lists stale ones. */
    @Override
    public List<FieldChange> diff(FailoverRecordsSpec spec, FailoverRecordsState actual) {
        String project = spec.project();
        FailoverChain chain = chain(spec, actual.records());
        List<FieldChange> changes = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int k = 0; k < chain.order().size() - 1; k++) {
            String name = FailoverChain.levelName(project, spec.domain(), k);
            String label = k == 0 ? "" : name + " ";
            boolean last = k == chain.order().size() - 2;
            String primary = chain.order().get(k);
            compare(changes, label + FailoverRecord.PRIMARY, name, FailoverRecord.PRIMARY,
                    desired(project, name, FailoverRecord.PRIMARY, primary, actual), actual);
            wanted.add(name + " " + FailoverNames.setIdentifier(project, primary));
            if (last) {
                String secondary = chain.order().get(k + 1);
                compare(changes, label + FailoverRecord.SECONDARY, name, FailoverRecord.SECONDARY,
                        desired(project, name, FailoverRecord.SECONDARY, secondary, actual), actual);
                wanted.add(name + " " + FailoverNames.setIdentifier(project, secondary));
            } else {
                FailoverRecord link = new FailoverRecord(name, FailoverRecord.SECONDARY,
                        FailoverChain.linkIdentifier(project, k + 1), FailoverChain.levelName(project, spec.domain(), k + 1),
                        actual.zoneId(), true, null);
                compare(changes, label + FailoverRecord.SECONDARY, name, FailoverRecord.SECONDARY,
                        link.normalized().render(), actual);
                wanted.add(name + " " + link.setIdentifier());
            }
        }
        for (FailoverRecord r : actual.records()) {
            if (FailoverNames.isProjects(project, r.setIdentifier()) && !wanted.contains(r.name() + " " + r.setIdentifier())) {
                changes.add(FieldChange.of("stale record " + r.setIdentifier()
                        + (r.name().equals(Route53Calls.dnsKey(spec.domain())) ? "" : " at " + r.name()), "absent", r.render()));
            }
        }
        return changes;
    }

    private static String desired(String project, String name, String role, String region, FailoverRecordsState actual) {
        RegionTarget target = actual.targets().get(region);
        return target == null
                ? FailoverNames.setIdentifier(project, region) + " -> (no load balancer or health check of " + region + ")"
                : target.record(project, name, role).normalized().render();
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
        List<FailoverRecord> ours = FailoverRecordSets.listChain(r53, actual.zoneId(), ctx.project(), actual.domain(), 2)
                .stream().filter(r -> FailoverNames.isProjects(ctx.project(), r.setIdentifier())).toList();
        if (ours.isEmpty()) {
            return;
        }
        sync.await(r53, FailoverRecordSets.submit(r53, actual.zoneId(),
                FailoverRecordSets.deletions(ctx.project(), actual.domain(), ours),
                "devops-cli down: " + ctx.project()), "deleting failover records of " + actual.domain(), ctx.progress());
    }

    @Override
    public String id(FailoverRecordsState actual) {
        return actual.domain();
    }

    /**
     * Reads the records afresh (the zone whole, one call), waits for every region's target, and writes what
     * differs in one batch; the state is what the batch made, not read back.
     * When the wait runs out (at once under --regions), the regions found so far make the chain, as long
     * as the active region and one other are among them; the others show as drift until they exist.
     */
    private FailoverRecordsState converge(FailoverRecordsSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        String zoneId = ctx.requireId(spec.zone());
        List<FailoverRecord> records = FailoverRecordSets.readChain(r53, zoneId, ctx.project(), spec.domain(),
                spec.regions().size());
        FailoverChain wanted = chain(spec, records);
        FailoverChain chain = wanted;
        RegionTargets finder = targets(spec, ctx);
        Map<String, RegionTarget> found = new LinkedHashMap<>();
        try {
            targetsWaiter.until("failover records of " + spec.domain() + ": waiting for the load balancers and health "
                    + "checks of " + String.join(", ", wanted.order()), ctx.progress(), () -> {
                        List<HealthChecks.Owned> checks = HealthChecks.owned(r53, ctx.project());
                        // a region found stays found: its load balancer and health check do not move
                        found.putAll(finder.findAll(wanted.order().stream().filter(r -> !found.containsKey(r)).toList(), checks));
                        return found.size() == wanted.order().size() ? Optional.of(true) : Optional.empty();
                    });
        } catch (Waiter.WaitTimeoutException e) {
            List<String> present = chain.order().stream().filter(found::containsKey).toList();
            if (present.size() < 2 || !present.get(0).equals(chain.active())) {
                throw e;
            }
            ctx.progress().info("failover records of " + spec.domain() + ": leaving "
                    + String.join(", ", chain.order().stream().filter(r -> !found.containsKey(r)).toList())
                    + " out of the chain for now (no load balancer or health check yet)");
            chain = new FailoverChain(present);
        }
        List<FailoverRecord> desired = chain.records(ctx.project(), spec.domain(), zoneId, found);
        List<Change> changes = FailoverRecordSets.changes(ctx.project(), spec.domain(), desired, records);
        if (changes.isEmpty()) {
            return new FailoverRecordsState(zoneId, spec.domain(), records, found);
        }
        sync.await(r53, FailoverRecordSets.submit(r53, zoneId, changes, "devops-cli up: " + ctx.project()),
                "writing failover records of " + spec.domain(), ctx.progress());
        return new FailoverRecordsState(zoneId, spec.domain(),
                FailoverRecordSets.afterChanges(ctx.project(), desired, records), found);
    }

    private static void compare(List<FieldChange> changes, String field, String name, String role, String desired,
                                FailoverRecordsState actual) {
        List<String> found = actual.records().stream().filter(r -> name.equals(r.name()) && role.equals(r.role()))
                .map(r -> r.normalized().render()).toList();
        String current = found.isEmpty() ? "absent" : String.join(" + ", found);
        if (!desired.equals(current)) {
            changes.add(FieldChange.of(field, desired, current));
        }
    }

    private static FailoverChain chain(FailoverRecordsSpec spec, List<FailoverRecord> records) {
        return FailoverChain.desired(spec.project(), spec.domain(), spec.regions(), spec.topologyPrimary(), records);
    }

    private static RegionTargets targets(FailoverRecordsSpec spec, RegionContext ctx) {
        return new RegionTargets(ctx.services(AwsClients.class), ctx.project(), spec.loadBalancerName());
    }

    private static Route53Client r53(RegionContext ctx) {
        return ctx.services(AwsClients.class).route53();
    }
}
