package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.CreateOnce;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** A VPC with DNS support and DNS hostnames on. Publishes the VPC id. */
public final class VpcReconciler implements Reconciler<VpcSpec, VpcState>, Updatable<VpcSpec, VpcState> {
    static final String MEMO = "ec2/vpcs";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(5));
    /** What EC2 answers for a VPC id it does not know yet (eventual consistency right after the create). */
    static final String NOT_FOUND = "InvalidVpcID.NotFound";

    @Override
    public Optional<VpcState> observe(VpcSpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    /** DescribeVpcs gives no creation time: duplicates are ordered by id. */
    @Override
    public List<VpcState> observeAll(VpcSpec spec, RegionContext ctx) {
        List<Vpc> owned = ctx.memo(MEMO, () -> describeOwned(ctx));
        return OwnedTags.all(owned, Vpc::tags, Vpc::vpcId, ctx.project(), spec.name()).stream()
                .map(vpc -> read(ec2(ctx), vpc)).toList();
    }

    /** A VPC with our subnets in it is the one dependents use: of duplicates, it is kept. */
    @Override
    public boolean inUse(VpcState actual, RegionContext ctx) {
        return SubnetReconciler.owned(ctx).stream().anyMatch(s -> actual.id().equals(s.vpcId()));
    }

    @Override
    public List<FieldChange> diff(VpcSpec spec, VpcState actual) {
        return new Diffs()
                .immutable("cidr", spec.cidr(), actual.cidr())
                .field("enableDnsSupport", true, actual.dnsSupport())
                .field("enableDnsHostnames", true, actual.dnsHostnames())
                .toList();
    }

    @Override
    public VpcState create(VpcSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // CreateVpc takes no client token: a VPC left by an interrupted run is found by its tags instead.
        // Looked for before each retry of it, not before the first attempt: see CreateOnce.
        Vpc made = CreateOnce.create(() -> findOwned(ec2, ctx.project(), spec.name()),
                () -> ctx.services(AwsClients.class).once().ec2().createVpc(r -> r.cidrBlock(spec.cidr())
                        .tagSpecifications(OwnedTags.at(ResourceType.VPC, ctx.project(), spec.name())))
                        .vpc());
        ctx.forget(MEMO);
        String id = made.vpcId();
        // CreateVpc answers with the VPC's state: one still "pending" is waited for (as Terraform does), one
        // "available" already needs no describe.
        if (!"available".equals(made.stateAsString())) {
            awaitAvailable(ec2, id, ctx);
        }
        // A new VPC has DNS support on (AWS's default); hostnames is the one attribute to turn on, and the
        // call's success is the answer: no read-back. EC2 is eventually consistent: the modify right after
        // the create may not find the new id yet, so that code is retried (no describe before it).
        AttributeBooleanValue on = AttributeBooleanValue.builder().value(true).build();
        JustCreated.run("turning on dns hostnames of vpc " + id, ctx,
                () -> ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(on)), NOT_FOUND);
        return new VpcState(id, spec.cidr(), "available", true, true);
    }

    @Override
    public VpcState update(VpcSpec spec, VpcState actual, List<FieldChange> changes, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        setDns(ec2, actual.id(), !actual.dnsSupport(), !actual.dnsHostnames(), ctx);
        return read(ec2, describe(ec2, actual.id()).orElseThrow());
    }

    @Override
    public void delete(VpcState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // DependencyViolation (subnets, gateways still going away) is retried by AwsCall with a bound.
        Holders.deleting(ec2, "vpc-id", actual.id(),
                () -> AwsCall.ignoringNotFound(() -> ec2.deleteVpc(r -> r.vpcId(actual.id()))));
        ctx.forget(MEMO);
        WaitFor.gone("vpc " + actual.id() + " deleted", () -> describe(ec2, actual.id()))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(VpcState actual) {
        return actual.id();
    }

    /** Turns on what is off: DNS support first, since DNS hostnames need it. */
    private static void setDns(Ec2Client ec2, String id, boolean support, boolean hostnames, RegionContext ctx) {
        AttributeBooleanValue on = AttributeBooleanValue.builder().value(true).build();
        if (support) {
            AwsCall.run(() -> ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsSupport(on)));
        }
        if (hostnames) {
            AwsCall.run(() -> ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(on)));
        }
        WaitFor.matching("dns attributes of vpc " + id, () -> Optional.of(attribute(ec2, id, VpcAttributeName.ENABLE_DNS_SUPPORT)
                && attribute(ec2, id, VpcAttributeName.ENABLE_DNS_HOSTNAMES)), done -> done).within(WAIT).run(ctx.progress());
    }

    private static void awaitAvailable(Ec2Client ec2, String id, RegionContext ctx) {
        // Right after the create, describe may not know the id yet: that counts as "not yet".
        WaitFor.until("vpc " + id + " available", () -> describe(ec2, id), Vpc::stateAsString).target("available")
                .within(WAIT).run(ctx.progress());
    }

    private static VpcState read(Ec2Client ec2, Vpc vpc) {
        return new VpcState(vpc.vpcId(), vpc.cidrBlock(), vpc.stateAsString(),
                attribute(ec2, vpc.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT),
                attribute(ec2, vpc.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    }

    private static boolean attribute(Ec2Client ec2, String id, VpcAttributeName name) {
        var answer = AwsCall.call(() -> ec2.describeVpcAttribute(r -> r.vpcId(id).attribute(name)));
        AttributeBooleanValue value = name == VpcAttributeName.ENABLE_DNS_SUPPORT
                ? answer.enableDnsSupport() : answer.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    private static Optional<Vpc> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeVpcs(r -> r.vpcIds(id)).vpcs()).flatMap(l -> l.stream().findFirst());
    }

    private static List<Vpc> describeOwned(RegionContext ctx) {
        return AwsCall.call(() -> ec2(ctx).describeVpcsPaginator(r -> r.filters(OwnedTags.ownerFilter(ctx.project())))
                .vpcs().stream().toList());
    }

    private static Optional<Vpc> findOwned(Ec2Client ec2, String project, String name) {
        List<Vpc> found = AwsCall.call(() -> ec2.describeVpcsPaginator(
                r -> r.filters(OwnedTags.ownerFilter(project), OwnedTags.nameFilter(name))).vpcs().stream().toList());
        return OwnedTags.pick(found, Vpc::tags, Vpc::vpcId, project, name);
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }
}
