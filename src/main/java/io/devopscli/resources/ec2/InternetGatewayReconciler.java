package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.CreateOnce;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
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
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** An internet gateway attached to the VPC. Publishes the gateway id (igw-...). */
public final class InternetGatewayReconciler implements Reconciler<InternetGatewaySpec, InternetGatewayState>,
        Referencing<InternetGatewaySpec, InternetGatewayState>, Updatable<InternetGatewaySpec, InternetGatewayState> {
    static final String MEMO = "ec2/internet-gateways";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(5));
    /** What EC2 answers for a gateway id it does not know yet (eventual consistency right after the create). */
    static final String NOT_FOUND = "InvalidInternetGatewayID.NotFound";

    @Override
    public Optional<InternetGatewayState> observe(InternetGatewaySpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    @Override
    public List<InternetGatewayState> observeAll(InternetGatewaySpec spec, RegionContext ctx) {
        List<InternetGateway> owned = ctx.memo(MEMO, () -> AwsCall.call(() -> ec2(ctx).describeInternetGatewaysPaginator(
                r -> r.filters(OwnedTags.ownerFilter(ctx.project()))).internetGateways().stream().toList()));
        return OwnedTags.all(owned, InternetGateway::tags, InternetGateway::internetGatewayId, ctx.project(), spec.name()).stream()
                .map(InternetGatewayReconciler::state).toList();
    }

    @Override
    public List<ResourceKey> references(InternetGatewaySpec spec) {
        return List.of(spec.vpc());
    }

    @Override
    public List<FieldChange> diff(InternetGatewaySpec spec, InternetGatewayState actual, Refs parents) {
        String attached = actual.attachedVpcIds().isEmpty() ? "none"
                : String.join(",", actual.attachedVpcIds().stream().map(parents::render).toList());
        return new Diffs().field("attachedVpc", spec.vpc().name(), attached).toList();
    }

    @Override
    public InternetGatewayState create(InternetGatewaySpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // CreateInternetGateway takes no client token: one left by an interrupted run is found by its tags.
        // Looked for before the create and before each retry of it: see CreateOnce.
        InternetGateway gateway = CreateOnce.create(() -> OwnedTags.pick(AwsCall.call(() -> ec2.describeInternetGatewaysPaginator(
                        r -> r.filters(OwnedTags.ownerFilter(ctx.project()), OwnedTags.nameFilter(spec.name())))
                        .internetGateways().stream().toList()),
                        InternetGateway::tags, InternetGateway::internetGatewayId, ctx.project(), spec.name()),
                () -> ctx.services(io.devopscli.aws.AwsClients.class).once().ec2().createInternetGateway(r -> r.tagSpecifications(
                        OwnedTags.at(ResourceType.INTERNET_GATEWAY, ctx.project(), spec.name()))).internetGateway());
        ctx.forget(MEMO);
        // right after the create, EC2 may not know the new id yet: the attach is retried on that code
        return attach(ec2, gateway.internetGatewayId(), attachedVpcs(gateway), spec, ctx, NOT_FOUND);
    }

    @Override
    public InternetGatewayState update(InternetGatewaySpec spec, InternetGatewayState actual, List<FieldChange> changes,
                                       RegionContext ctx) {
        return attach(ec2(ctx), actual.id(), actual.attachedVpcIds(), spec, ctx);
    }

    @Override
    public void delete(InternetGatewayState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        for (String vpcId : actual.attachedVpcIds()) {
            detach(ec2, actual.id(), vpcId);
        }
        AwsCall.ignoringNotFound(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(actual.id())));
        ctx.forget(MEMO);
        WaitFor.gone("internet gateway " + actual.id() + " deleted", () -> describe(ec2, actual.id()))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(InternetGatewayState actual) {
        return actual.id();
    }

    /**
     * Detaches from any other VPC, then attaches to ours unless already there. AttachInternetGateway's
     * success is the answer (AWS attaches it synchronously): no read-back; what routes through it retries
     * its own call should EC2 not show the attachment yet (RouteTableReconciler).
     */
    private static InternetGatewayState attach(Ec2Client ec2, String id, List<String> attached, InternetGatewaySpec spec,
                                               RegionContext ctx, String... retriedCodes) {
        String vpcId = ctx.requireId(spec.vpc());
        for (String other : attached) {
            if (!other.equals(vpcId)) {
                detach(ec2, id, other);
            }
        }
        if (!attached.contains(vpcId)) {
            try {
                JustCreated.run("attaching internet gateway " + id + " to " + vpcId, ctx,
                        () -> ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)), retriedCodes);
            } catch (io.devopscli.aws.AwsFailure f) {
                // A retry whose first answer was lost finds the gateway attached already: to this VPC, done.
                boolean ours = f.code().equals("Resource.AlreadyAssociated")
                        && describe(ec2, id).map(g -> attachedVpcs(g).contains(vpcId)).orElse(false);
                if (!ours) {
                    throw f;
                }
            }
        }
        return new InternetGatewayState(id, List.of(vpcId));
    }

    private static void detach(Ec2Client ec2, String id, String vpcId) {
        // A gateway already detached (or a VPC already gone) is what we wanted.
        try {
            AwsCall.ignoringNotFound(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)));
        } catch (AwsFailure f) {
            if (!"Gateway.NotAttached".equals(f.code())) {
                throw f;
            }
        }
    }

    /** VPCs the gateway is attached to or attaching to; AWS reports "available" for an attached IGW. */
    private static List<String> attachedVpcs(InternetGateway g) {
        return g.attachments().stream()
                .filter(a -> !"detached".equals(a.stateAsString()) && !"detaching".equals(a.stateAsString()))
                .map(InternetGatewayAttachment::vpcId).sorted().toList();
    }

    private static InternetGatewayState state(InternetGateway g) {
        return new InternetGatewayState(g.internetGatewayId(), attachedVpcs(g));
    }

    private static Optional<InternetGateway> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id)).internetGateways())
                .flatMap(l -> l.stream().findFirst());
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }
}
