package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The topology's public hosted zone, under the rule "adopt for records, own only if created":
 * <ul>
 *   <li>a public zone of that name that exists is used as found, whoever made it. One that is not ours
 *       (no ownership tag) is never modified (no diff, no update) and never deleted: down only removes
 *       our records from it, and says it kept the zone;</li>
 *   <li>when there is none, the tool creates it, tags it as ours, and may then update its comment and
 *       delete it with down (still refusing while it holds records that are not ours).</li>
 * </ul>
 * A zone made by an earlier run that stopped before tagging it is recognised by its caller reference and
 * tagged by the next up. Publishes the zone id (bare, "Z123...").
 */
public final class HostedZoneReconciler implements Reconciler<HostedZoneSpec, HostedZoneState>,
        Updatable<HostedZoneSpec, HostedZoneState> {
    private final ChangeSync sync;

    public HostedZoneReconciler() {
        this(ChangeSync.standard());
    }

    public HostedZoneReconciler(ChangeSync sync) {
        this.sync = sync;
    }

    @Override
    public Optional<HostedZoneState> observe(HostedZoneSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        return HostedZoneLookup.observed(ctx, spec.name()).map(z -> {
            // only an owned zone's contents matter; from the plan's one read of its records when it has one
            return state(z, z.owned() && ZoneRecords.observed(ctx, z.id())
                    .map(records -> records.stream().anyMatch(rr -> !apexOrOurs(rr, spec, ctx.project())))
                    .orElseGet(() -> hasForeignRecords(r53, z.id(), spec, ctx.project())));
        });
    }

    @Override
    public List<FieldChange> diff(HostedZoneSpec spec, HostedZoneState actual) {
        if (!actual.owned()) {
            return List.of(); // someone else's zone: its settings are theirs
        }
        return new Diffs()
                .field("ownershipTag", Tags.OWNER_KEY, actual.tagged() ? Tags.OWNER_KEY : "missing")
                .field("comment", spec.comment(), actual.comment())
                .toList();
    }

    @Override
    public HostedZoneState create(HostedZoneSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        Optional<HostedZoneLookup.Found> found = HostedZoneLookup.find(r53, spec.name(), ctx.project());
        if (found.isPresent()) {
            // appeared since the plan: use it as found (only an owned zone's contents matter)
            HostedZoneLookup.Found z = found.get();
            return state(z, z.owned() && hasForeignRecords(r53, z.id(), spec, ctx.project()));
        }
        // A caller reference may never be reused, not even after the zone is deleted, so it is unique per
        // create. AWS answers a retry with the same reference HostedZoneAlreadyExists (the emulator makes a second
        // zone), so the request is sent once per attempt and the zone, ours by its caller reference, is looked
        // for before each retry: a lost answer never makes a second zone.
        String callerReference = HostedZoneLookup.callerReference(ctx.project());
        Route53Client once = ctx.services(io.devopscli.aws.AwsClients.class).once().route53();
        return io.devopscli.aws.CreateOnce.create(
                () -> HostedZoneLookup.find(r53, spec.name(), ctx.project()).filter(HostedZoneLookup.Found::owned)
                        .map(f -> {
                            if (!f.tagged()) {
                                tagOwned(r53, f.id(), ctx.project(), spec.name());
                            }
                            return new HostedZoneState(f.id(), Route53Calls.dnsKey(spec.name()), true, true, f.comment(), false);
                        }),
                () -> {
                    CreateHostedZoneResponse created = once.createHostedZone(r -> r.name(spec.name())
                            .callerReference(callerReference).hostedZoneConfig(c -> c.comment(spec.comment()).privateZone(false)));
                    String id = Route53Calls.bareZoneId(created.hostedZone().id());
                    tagOwned(r53, id, ctx.project(), spec.name());
                    sync.await(r53, created.changeInfo(), "creating hosted zone " + spec.name(), ctx.progress());
                    return new HostedZoneState(id, Route53Calls.dnsKey(spec.name()), true, true, spec.comment(), false);
                });
    }

    @Override
    public HostedZoneState update(HostedZoneSpec spec, HostedZoneState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        if (!actual.owned()) {
            return actual;
        }
        Route53Client r53 = r53(ctx);
        if (!actual.tagged()) {
            tagOwned(r53, actual.id(), ctx.project(), spec.name());
        }
        if (!spec.comment().equals(actual.comment())) {
            AwsCall.run(() -> r53.updateHostedZoneComment(r -> r.id(actual.id()).comment(spec.comment())));
        }
        return new HostedZoneState(actual.id(), actual.name(), true, true, spec.comment(), actual.foreignRecords());
    }

    @Override
    public void delete(HostedZoneState actual, RegionContext ctx) {
        if (!actual.owned()) {
            ctx.progress().info("keeping hosted zone " + actual.name() + " (" + actual.id()
                    + "): it was found, not created by devops-cli; only our records were removed from it");
            return;
        }
        Route53Client r53 = r53(ctx);
        // Every region's graph removes its certificate validation records from this zone in parallel with
        // this delete (no edge joins graphs), so a zone still holding records is waited for, boundedly;
        // records that are not ours never go, and the delete then fails saying so.
        WaitFor.retrying("hosted zone " + actual.name() + ": waiting for the other records to be removed", () -> {
            Route53Calls.ignoringNotFound(() -> r53.deleteHostedZone(r -> r.id(actual.id())));
            return Boolean.TRUE;
        }).notYet("HostedZoneNotEmpty").within(NOT_EMPTY_WAITER).run(ctx.progress());
    }

    private static final io.devopscli.engine.Waiter NOT_EMPTY_WAITER = new io.devopscli.engine.Waiter(
            java.time.Duration.ofMinutes(3), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));

    @Override
    public String id(HostedZoneState actual) {
        return actual.id();
    }

    /**
     * A zone that is not ours is kept by down even with --purge (delete leaves it alone); one of ours
     * holding someone else's records is kept unless purging, which then fails on them rather than
     * deleting them.
     */
    @Override
    public boolean holdsData(HostedZoneState actual) {
        return !actual.owned() || actual.foreignRecords();
    }

    private static void tagOwned(Route53Client r53, String id, String project, String name) {
        Route53Calls.tag(r53, TagResourceType.HOSTEDZONE, id, Tags.owned(project, name));
    }

    private static HostedZoneState state(HostedZoneLookup.Found z, boolean foreignRecords) {
        return new HostedZoneState(z.id(), z.name(), z.owned(), z.tagged(), z.comment(), foreignRecords);
    }

    /** Pages through the zone until the first record that is neither the apex NS/SOA nor ours. */
    private static boolean hasForeignRecords(Route53Client r53, String zoneId, HostedZoneSpec spec, String project) {
        String startName = null;
        String startType = null;
        while (true) {
            String name = startName;
            String type = startType;
            ListResourceRecordSetsResponse page = AwsCall.call(() -> r53.listResourceRecordSets(r -> r
                    .hostedZoneId(zoneId).startRecordName(name).startRecordType(type)));
            for (ResourceRecordSet rr : page.resourceRecordSets()) {
                if (!apexOrOurs(rr, spec, project)) {
                    return true;
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return false;
            }
            startName = page.nextRecordName();
            startType = page.nextRecordTypeAsString();
        }
    }

    /** The zone's own NS and SOA, or one of our failover records: anything else is someone else's. */
    private static boolean apexOrOurs(ResourceRecordSet rr, HostedZoneSpec spec, String project) {
        String rrName = Route53Calls.dnsKey(rr.name());
        boolean apex = rrName.equals(Route53Calls.dnsKey(spec.name()))
                && ("NS".equals(rr.typeAsString()) || "SOA".equals(rr.typeAsString()));
        return apex || FailoverChain.isLevelName(project, Route53Calls.dnsKey(spec.domain()), rrName)
                && FailoverNames.isProjects(project, rr.setIdentifier());
    }

    private static Route53Client r53(RegionContext ctx) {
        return ctx.services(AwsClients.class).route53();
    }
}
