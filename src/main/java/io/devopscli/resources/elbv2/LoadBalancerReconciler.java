package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.OwnedByTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

/**
 * The Application Load Balancer of a region, found by its name and recognised as ours by its tags.
 * Publishes its ARN. Becoming active takes 2 to 3 minutes on AWS; create does not wait for it (see create), update does, and
 * delete waits until it is gone so its target groups and security groups can go right after.
 */
public final class LoadBalancerReconciler implements Reconciler<LoadBalancerSpec, LoadBalancerState>,
        Referencing<LoadBalancerSpec, LoadBalancerState>, Updatable<LoadBalancerSpec, LoadBalancerState> {
    private final Waiter waiter;

    public LoadBalancerReconciler() {
        this(Waiter.upTo(Duration.ofMinutes(10)));
    }

    public LoadBalancerReconciler(Waiter waiter) {
        this.waiter = waiter;
    }

    @Override
    public Optional<LoadBalancerState> observe(LoadBalancerSpec spec, RegionContext ctx) {
        // ownership from the region's one tagging query for load balancers, not a DescribeTags each
        return named(ctx, ElbNames.fit(spec.name()))
                .filter(lb -> ElbTags.ownedAndNamed(OwnedByTag.tags(ctx, "elasticloadbalancing:loadbalancer")
                        .getOrDefault(lb.loadBalancerArn(), java.util.Map.of()), ctx.project(), spec.name()))
                .map(LoadBalancerReconciler::state);
    }

    @Override
    public List<FieldChange> diff(LoadBalancerSpec spec, LoadBalancerState actual, Refs parents) {
        return new Diffs()
                .immutable("type", spec.type(), actual.type())
                .immutable("scheme", spec.scheme(), actual.scheme())
                .field("subnets", names(spec.subnets()), rendered(actual.subnetIds(), parents))
                .field("securityGroups", names(spec.securityGroups()),
                        rendered(actual.securityGroupIds(), parents))
                .field("ipAddressType", spec.ipAddressType(), actual.ipAddressType())
                .toList();
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<LoadBalancer> named(RegionContext ctx, String physicalName) {
        return ctx.memo("elbv2/load-balancer/" + physicalName, () -> LoadBalancerLookup.byName(elb(ctx), physicalName));
    }

    @Override
    public Optional<String> foreign(LoadBalancerSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        return named(ctx, spec.physicalName())
                .filter(lb -> !LoadBalancerLookup.isOwned(elb, lb, ctx.project(), spec.name())).map(lb -> lb.loadBalancerArn());
    }

    @Override
    public LoadBalancerState create(LoadBalancerSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String physical = spec.physicalName();
        // CreateLoadBalancer takes no client token (AWS is idempotent by name, moto makes a second one): the
        // plan looked for ours (adopted) and the engine for anyone else's (refused) by name.
        LoadBalancer made = AwsCall.call(() -> elb.createLoadBalancer(
                r -> r.name(physical).type(spec.type()).scheme(spec.scheme()).ipAddressType(spec.ipAddressType())
                        .subnets(ids(ctx, spec.subnets())).securityGroups(ids(ctx, spec.securityGroups()))
                        .tags(ElbTags.owned(ctx.project(), spec.name()))))
                .loadBalancers().get(0);
        // No wait for "active" (2 to 3 minutes on AWS): what follows needs only the ARN and DNS name that
        // create returned (listeners, rules, services, alarms, dashboard, health checks, alias records
        // are all accepted while it provisions). What needs it serving is up's rollout wait at the end:
        // services reach their healthy count only behind an active load balancer.
        LoadBalancerState state = state(made);
        List<FieldChange> left = diff(spec, state, Refs.of(ctx, references(spec)));
        return left.isEmpty() ? state : update(spec, state, left, ctx);
    }

    @Override
    public LoadBalancerState update(LoadBalancerSpec spec, LoadBalancerState actual, List<FieldChange> changes,
                                    RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String arn = actual.arn();
        Set<String> fields = changes.stream().map(FieldChange::field).collect(Collectors.toSet());
        if (fields.contains("subnets")) {
            AwsCall.run(() -> elb.setSubnets(r -> r.loadBalancerArn(arn).subnets(ids(ctx, spec.subnets()))));
        }
        if (fields.contains("securityGroups")) {
            AwsCall.run(() -> elb.setSecurityGroups(r -> r.loadBalancerArn(arn)
                    .securityGroups(ids(ctx, spec.securityGroups()))));
        }
        if (fields.contains("ipAddressType")) {
            AwsCall.run(() -> elb.setIpAddressType(r -> r.loadBalancerArn(arn).ipAddressType(spec.ipAddressType())));
        }
        return state(awaitActive(elb, arn, ctx.progress()));
    }

    @Override
    public void delete(LoadBalancerState actual, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        AwsCall.ignoringNotFound(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(actual.arn())));
        // its target groups stay "in use" and its security group attached until it is really gone
        WaitFor.gone("deleting load balancer " + actual.name(), () -> LoadBalancerLookup.byArn(elb, actual.arn()))
                .within(waiter).run(ctx.progress());
    }

    @Override
    public String id(LoadBalancerState actual) {
        return actual.arn();
    }

    /** Polls until active (AWS: 2 to 3 minutes); a load balancer that goes failed fails the node. */
    LoadBalancer awaitActive(ElasticLoadBalancingV2Client elb, String arn, Progress progress) {
        // right after create, describe may not know the ARN yet (eventual consistency): keep polling
        LoadBalancer lb = WaitFor.until("waiting for load balancer " + nameOf(arn) + " to become active",
                        () -> LoadBalancerLookup.byArn(elb, arn), b -> b.state() == null ? "" : b.state().codeAsString())
                .target("active", "active_impaired").failure("failed").because(b -> b.state().reason())
                .within(waiter).run(progress);
        if (lb.state().code() == LoadBalancerStateEnum.ACTIVE_IMPAIRED) {
            // serving, though not in every zone: waiting would not fix it, so say it and go on
            progress.info("load balancer " + nameOf(arn) + " is active_impaired: " + lb.state().reason());
        }
        return lb;
    }

    private static LoadBalancerState state(LoadBalancer lb) {
        List<String> subnets = lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList();
        return new LoadBalancerState(lb.loadBalancerArn(), lb.loadBalancerName(), lb.dnsName(),
                lb.state() == null ? null : lb.state().codeAsString(), lb.schemeAsString(), lb.typeAsString(),
                lb.ipAddressTypeAsString(), subnets, lb.securityGroups());
    }

    private static List<String> names(List<ResourceKey> keys) {
        return keys.stream().map(ResourceKey::name).sorted().toList();
    }

    private static List<String> rendered(List<String> ids, Refs parents) {
        return ids.stream().map(parents::render).sorted().toList();
    }

    private static List<String> ids(RegionContext ctx, List<ResourceKey> keys) {
        return keys.stream().map(ctx::requireId).toList();
    }

    @Override
    public List<ResourceKey> references(LoadBalancerSpec spec) {
        List<ResourceKey> keys = new ArrayList<>(spec.subnets());
        keys.addAll(spec.securityGroups());
        return keys;
    }

    /** arn:...:loadbalancer/app/NAME/ID */
    private static String nameOf(String arn) {
        String[] parts = arn.split("/");
        return parts.length >= 3 ? parts[parts.length - 2] : arn;
    }

    private static ElasticLoadBalancingV2Client elb(RegionContext ctx) {
        return ctx.services(AwsClients.class).elbv2();
    }
}
