package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.CreateOnce;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** A subnet of the VPC; public ones map public IPs on launch. Publishes the subnet id. */
public final class SubnetReconciler implements Reconciler<SubnetSpec, SubnetState>,
        Referencing<SubnetSpec, SubnetState>, Updatable<SubnetSpec, SubnetState> {
    static final String MEMO = "ec2/subnets";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(5));
    /** What EC2 answers for a subnet id it does not know yet (eventual consistency right after the create). */
    static final String NOT_FOUND = "InvalidSubnetID.NotFound";

    @Override
    public Optional<SubnetState> observe(SubnetSpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    @Override
    public List<SubnetState> observeAll(SubnetSpec spec, RegionContext ctx) {
        return OwnedTags.all(owned(ctx), Subnet::tags, Subnet::subnetId, ctx.project(), spec.name()).stream()
                .map(SubnetReconciler::state).toList();
    }

    /** Every subnet of the project in the region, read once per run (a VPC asks too: is it in use?). */
    static List<Subnet> owned(RegionContext ctx) {
        return ctx.memo(MEMO, () -> AwsCall.call(() -> ec2(ctx)
                .describeSubnetsPaginator(r -> r.filters(OwnedTags.ownerFilter(ctx.project()))).subnets().stream().toList()));
    }

    @Override
    public List<ResourceKey> references(SubnetSpec spec) {
        return List.of(spec.vpc());
    }

    @Override
    public List<FieldChange> diff(SubnetSpec spec, SubnetState actual, Refs parents) {
        return new Diffs()
                .immutable("vpc", spec.vpc().name(), parents.render(actual.vpcId()))
                .immutable("cidr", spec.cidr(), actual.cidr())
                .immutable("availabilityZone", spec.availabilityZone(), actual.availabilityZone())
                .field("mapPublicIpOnLaunch", spec.isPublic(), actual.mapPublicIpOnLaunch())
                .toList();
    }

    @Override
    public SubnetState create(SubnetSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String vpcId = ctx.requireId(spec.vpc());
        // CreateSubnet takes no client token: one left by an interrupted run is found by its tags.
        // Looked for before the create and before each retry of it: see CreateOnce.
        Subnet made = CreateOnce.create(() -> OwnedTags.pick(AwsCall.call(() -> ec2.describeSubnetsPaginator(r -> r.filters(
                        OwnedTags.ownerFilter(ctx.project()), OwnedTags.nameFilter(spec.name()),
                        OwnedTags.filter("vpc-id", vpcId))).subnets().stream().toList()),
                        Subnet::tags, Subnet::subnetId, ctx.project(), spec.name()),
                () -> once(ctx).createSubnet(r -> r.vpcId(vpcId).cidrBlock(spec.cidr())
                        .availabilityZone(spec.availabilityZone())
                        .tagSpecifications(OwnedTags.at(ResourceType.SUBNET, ctx.project(), spec.name())))
                        .subnet());
        ctx.forget(MEMO);
        String id = made.subnetId();
        // CreateSubnet's answer carries the state: a subnet already available needs no describe.
        Subnet ready = "available".equals(made.stateAsString()) ? made
                : WaitFor.until("subnet " + id + " available", () -> describe(ec2, id), Subnet::stateAsString)
                .target("available").within(WAIT).run(ctx.progress());
        SubnetState state = state(ready);
        if (state.mapPublicIpOnLaunch() != spec.isPublic()) {
            // right after the create, EC2 may not know the new id yet: retried on that code, no describe first
            return setMapPublicIp(ec2, state, spec.isPublic(), ctx, NOT_FOUND);
        }
        return state;
    }

    @Override
    public SubnetState update(SubnetSpec spec, SubnetState actual, List<FieldChange> changes, RegionContext ctx) {
        return setMapPublicIp(ec2(ctx), actual, spec.isPublic(), ctx);
    }

    @Override
    public void delete(SubnetState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // Network interfaces of deleted services can hold a subnet for a while: AwsCall retries DependencyViolation.
        Holders.deleting(ec2, "subnet-id", actual.id(),
                () -> AwsCall.ignoringNotFound(() -> ec2.deleteSubnet(r -> r.subnetId(actual.id()))));
        ctx.forget(MEMO);
        WaitFor.gone("subnet " + actual.id() + " deleted", () -> describe(ec2, actual.id()))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(SubnetState actual) {
        return actual.id();
    }

    /** The modify's success is the answer: the state is the one given with the new value, no read-back. */
    private static SubnetState setMapPublicIp(Ec2Client ec2, SubnetState subnet, boolean on, RegionContext ctx,
                                              String... retriedCodes) {
        String id = subnet.id();
        JustCreated.run("subnet " + id + " mapPublicIpOnLaunch=" + on, ctx, () -> ec2.modifySubnetAttribute(r -> r
                .subnetId(id).mapPublicIpOnLaunch(AttributeBooleanValue.builder().value(on).build())), retriedCodes);
        return new SubnetState(id, subnet.vpcId(), subnet.cidr(), subnet.availabilityZone(), on);
    }

    private static SubnetState state(Subnet s) {
        return new SubnetState(s.subnetId(), s.vpcId(), s.cidrBlock(), s.availabilityZone(),
                Boolean.TRUE.equals(s.mapPublicIpOnLaunch()));
    }

    private static Optional<Subnet> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeSubnets(r -> r.subnetIds(id)).subnets())
                .flatMap(l -> l.stream().findFirst());
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }

    private static Ec2Client once(RegionContext ctx) {
        return ctx.services(io.devopscli.aws.AwsClients.class).once().ec2();
    }
}
