package io.devopscli.resources.elbv2;

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
import io.devopscli.resources.OwnedByTag;
import io.devopscli.resources.elbv2.TargetGroupSpec.HealthCheck;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * A target group, found by its name and recognised as ours by its tags. Publishes its ARN. It has no
 * state to wait for. ELBv2 cannot filter describes by tag, so each of the (two) target groups of a region
 * is looked up by name: a few calls per group, however many groups the account holds.
 */
public final class TargetGroupReconciler implements Reconciler<TargetGroupSpec, TargetGroupState>,
        Referencing<TargetGroupSpec, TargetGroupState>, Updatable<TargetGroupSpec, TargetGroupState> {
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    @Override
    public Optional<TargetGroupState> observe(TargetGroupSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        // ownership from the region's one tagging query for target groups, not a DescribeTags each
        return named(ctx, spec.physicalName()).filter(tg -> ElbTags.ownedAndNamed(
                        OwnedByTag.tags(ctx, "elasticloadbalancing:targetgroup").getOrDefault(tg.targetGroupArn(),
                                java.util.Map.of()), ctx.project(), spec.name()))
                .map(tg -> state(elb, tg));
    }

    @Override
    public List<ResourceKey> references(TargetGroupSpec spec) {
        return List.of(spec.vpc());
    }

    @Override
    public List<FieldChange> diff(TargetGroupSpec spec, TargetGroupState actual, Refs parents) {
        HealthCheck want = spec.healthCheck();
        HealthCheck have = actual.healthCheck();
        return new Diffs()
                .immutable("vpc", spec.vpc().name(), parents.render(actual.vpcId()))
                .immutable("port", spec.port(), actual.port())
                .immutable("protocol", spec.protocol(), actual.protocol())
                .immutable("targetType", spec.targetType(), actual.targetType())
                .field("healthCheck.protocol", want.protocol(), have.protocol())
                .field("healthCheck.path", want.path(), have.path())
                .field("healthCheck.matcher", want.matcher(), have.matcher())
                .field("healthCheck.intervalSeconds", want.intervalSeconds(), have.intervalSeconds())
                .field("healthCheck.timeoutSeconds", want.timeoutSeconds(), have.timeoutSeconds())
                .field("healthCheck.healthyThreshold", want.healthyThreshold(), have.healthyThreshold())
                .field("healthCheck.unhealthyThreshold", want.unhealthyThreshold(), have.unhealthyThreshold())
                .field("deregistrationDelaySeconds", spec.deregistrationDelaySeconds(),
                        actual.deregistrationDelaySeconds())
                .toList();
    }

    @Override
    public Optional<String> foreign(TargetGroupSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        return named(ctx, spec.physicalName())
                .filter(g -> !TargetGroupLookup.isOwned(elb, g, ctx.project(), spec.name())).map(g -> g.targetGroupArn());
    }

    @Override
    public TargetGroupState create(TargetGroupSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String physical = spec.physicalName();
        // No client token here either: one made by an attempt whose answer was lost is found by name,
        // checked to be ours, and brought in line.
        HealthCheck hc = spec.healthCheck();
        TargetGroup group = CreateOnce.create(() -> TargetGroupLookup.byName(elb, physical)
                .filter(g -> TargetGroupLookup.isOwned(elb, g, ctx.project(), spec.name())),
                () -> ctx.services(io.devopscli.aws.AwsClients.class).once().elbv2().createTargetGroup(r -> r.name(physical)
                .vpcId(ctx.requireId(spec.vpc())).port(spec.port()).protocol(spec.protocol())
                .targetType(spec.targetType())
                .healthCheckEnabled(true).healthCheckProtocol(hc.protocol()).healthCheckPath(hc.path())
                .matcher(m -> m.httpCode(hc.matcher())).healthCheckIntervalSeconds(hc.intervalSeconds())
                .healthCheckTimeoutSeconds(hc.timeoutSeconds()).healthyThresholdCount(hc.healthyThreshold())
                .unhealthyThresholdCount(hc.unhealthyThreshold())
                .tags(ElbTags.owned(ctx.project(), spec.name()))).targetGroups().get(0));
        // The deregistration delay is an attribute CreateTargetGroup does not take: set it right away, and
        // build the state from the create's answer and that, without reading either back.
        AwsCall.run(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key(DEREGISTRATION_DELAY)
                        .value(String.valueOf(spec.deregistrationDelaySeconds())).build())));
        TargetGroupState state = state(group, spec.deregistrationDelaySeconds());
        List<FieldChange> left = diff(spec, state, Refs.of(ctx, references(spec)));
        // a group found by name after a lost answer may differ from the spec: brought in line
        return left.isEmpty() ? state : update(spec, state(elb, group), left, ctx);
    }

    @Override
    public TargetGroupState update(TargetGroupSpec spec, TargetGroupState actual, List<FieldChange> changes,
                                   RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String arn = actual.arn();
        if (changes.stream().anyMatch(c -> c.field().startsWith("healthCheck."))) {
            HealthCheck hc = spec.healthCheck();
            AwsCall.run(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthCheckEnabled(true)
                    .healthCheckProtocol(hc.protocol()).healthCheckPath(hc.path())
                    .matcher(m -> m.httpCode(hc.matcher())).healthCheckIntervalSeconds(hc.intervalSeconds())
                    .healthCheckTimeoutSeconds(hc.timeoutSeconds()).healthyThresholdCount(hc.healthyThreshold())
                    .unhealthyThresholdCount(hc.unhealthyThreshold())));
        }
        if (changes.stream().anyMatch(c -> c.field().equals("deregistrationDelaySeconds"))) {
            AwsCall.run(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(
                    TargetGroupAttribute.builder().key(DEREGISTRATION_DELAY)
                            .value(String.valueOf(spec.deregistrationDelaySeconds())).build())));
        }
        TargetGroup fresh = TargetGroupLookup.byArn(elb, arn).orElseThrow(() -> new IllegalStateException(
                "target group " + actual.name() + " vanished while it was being updated"));
        return state(elb, fresh);
    }

    @Override
    public void delete(TargetGroupState actual, RegionContext ctx) {
        try {
            // ResourceInUse (a listener or rule still forwarding here, or a load balancer being deleted) is
            // retried by AwsCall up to its bound: in reverse order the listener goes first.
            AwsCall.ignoringNotFound(() -> elb(ctx).deleteTargetGroup(r -> r.targetGroupArn(actual.arn())));
        } catch (AwsFailure f) {
            if (!"ResourceInUse".equals(f.code())) {
                throw f;
            }
            throw new IllegalStateException("target group " + actual.name() + " is still used by a listener or rule"
                    + " (a replace needs the listener to forward elsewhere first): " + f.getMessage(), f);
        }
    }

    @Override
    public String id(TargetGroupState actual) {
        return actual.arn();
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<TargetGroup> named(RegionContext ctx, String physicalName) {
        return ctx.memo("elbv2/target-group/" + physicalName, () -> TargetGroupLookup.byName(elb(ctx), physicalName));
    }

    private static TargetGroupState state(ElasticLoadBalancingV2Client elb, TargetGroup tg) {
        return state(tg, deregistrationDelay(elb, tg.targetGroupArn()));
    }

    private static TargetGroupState state(TargetGroup tg, int deregistrationDelaySeconds) {
        HealthCheck hc = new HealthCheck(tg.healthCheckProtocolAsString(), tg.healthCheckPath(),
                tg.matcher() == null ? null : tg.matcher().httpCode(), orZero(tg.healthCheckIntervalSeconds()),
                orZero(tg.healthCheckTimeoutSeconds()), orZero(tg.healthyThresholdCount()),
                orZero(tg.unhealthyThresholdCount()));
        return new TargetGroupState(tg.targetGroupArn(), tg.targetGroupName(), tg.vpcId(), orZero(tg.port()),
                tg.protocolAsString(), tg.targetTypeAsString(), hc, deregistrationDelaySeconds);
    }

    /** The attribute, or -1 when AWS does not report it (so it shows as drift rather than passing). */
    private static int deregistrationDelay(ElasticLoadBalancingV2Client elb, String arn) {
        return AwsCall.call(() -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()).stream()
                .filter(a -> DEREGISTRATION_DELAY.equals(a.key())).map(a -> Integer.parseInt(a.value()))
                .findFirst().orElse(-1);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static ElasticLoadBalancingV2Client elb(RegionContext ctx) {
        return ctx.services(AwsClients.class).elbv2();
    }
}
