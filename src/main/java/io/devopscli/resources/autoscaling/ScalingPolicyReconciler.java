package io.devopscli.resources.autoscaling;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * A target tracking scaling policy, found by name under its scalable target (policies take no tags; the
 * target is ours, so are the policies we name on it). Publishes the policy ARN. Everything is mutable:
 * PutScalingPolicy replaces a policy of the same name in place, which also repairs a target value
 * changed by hand.
 */
public final class ScalingPolicyReconciler implements Reconciler<ScalingPolicySpec, ScalingPolicyState>,
        Updatable<ScalingPolicySpec, ScalingPolicyState> {
    static final String MEMO = "autoscaling/ecs-scaling-policies/";

    @Override
    public Optional<ScalingPolicyState> observe(ScalingPolicySpec spec, RegionContext ctx) {
        // one describe of every ECS scaling policy of the region serves all policies, and it needs no
        // parent: it starts with the run's first reads, and only the filter waits for the target's id
        List<ScalingPolicy> policies = ctx.memo(MEMO, () -> describe(aas(ctx), null, null));
        Optional<String> resourceId = ctx.idOf(spec.scalableTarget());
        if (resourceId.isEmpty()) {
            return Optional.empty();
        }
        return policies.stream().filter(p -> resourceId.get().equals(p.resourceId()) && spec.name().equals(p.policyName()))
                .findFirst().map(ScalingPolicyReconciler::state);
    }

    @Override
    public List<FieldChange> diff(ScalingPolicySpec spec, ScalingPolicyState actual) {
        return new Diffs()
                .field("policyType", PolicyType.TARGET_TRACKING_SCALING.toString(), actual.policyType())
                .field("metric", spec.metric(), actual.metric())
                .field("targetValue", spec.targetValue(), actual.targetValue())
                .field("scaleInCooldown", spec.scaleInCooldownSeconds(), actual.scaleInCooldownSeconds())
                .field("scaleOutCooldown", spec.scaleOutCooldownSeconds(), actual.scaleOutCooldownSeconds())
                .field("disableScaleIn", false, actual.disableScaleIn() != null && actual.disableScaleIn())
                .toList();
    }

    @Override
    public ScalingPolicyState create(ScalingPolicySpec spec, RegionContext ctx) {
        return put(spec, ctx.requireId(spec.scalableTarget()), ctx);
    }

    @Override
    public ScalingPolicyState update(ScalingPolicySpec spec, ScalingPolicyState actual, List<FieldChange> changes,
                                     RegionContext ctx) {
        return put(spec, actual.resourceId(), ctx);
    }

    @Override
    public void delete(ScalingPolicyState actual, RegionContext ctx) {
        Deletions.ignoringMissing(() -> aas(ctx).deleteScalingPolicy(r -> r.policyName(actual.name())
                .serviceNamespace(EcsScaling.NAMESPACE).scalableDimension(EcsScaling.DIMENSION)
                .resourceId(actual.resourceId())));
        ctx.forget(MEMO);
    }

    @Override
    public String id(ScalingPolicyState actual) {
        return actual.arn();
    }

    /** PutScalingPolicy creates or replaces by name, so it serves create, update and a retried create. */
    private static ScalingPolicyState put(ScalingPolicySpec spec, String resourceId, RegionContext ctx) {
        ApplicationAutoScalingClient aas = aas(ctx);
        String arn = AwsCall.call(() -> aas.putScalingPolicy(r -> r.policyName(spec.name())
                .serviceNamespace(EcsScaling.NAMESPACE).scalableDimension(EcsScaling.DIMENSION).resourceId(resourceId)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(spec.targetValue())
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(spec.metric()))
                        .scaleInCooldown(spec.scaleInCooldownSeconds())
                        .scaleOutCooldown(spec.scaleOutCooldownSeconds())
                        .disableScaleIn(false)))).policyARN();
        ctx.forget(MEMO);
        // the put replaced the whole definition with this one: no describe afterwards
        return new ScalingPolicyState(spec.name(), arn, resourceId, PolicyType.TARGET_TRACKING_SCALING.toString(),
                spec.metric(), spec.targetValue(), spec.scaleInCooldownSeconds(), spec.scaleOutCooldownSeconds(), false);
    }

    private static List<ScalingPolicy> describe(ApplicationAutoScalingClient aas, String resourceId, String name) {
        return AwsCall.call(() -> aas.describeScalingPoliciesPaginator(r -> {
            r.serviceNamespace(EcsScaling.NAMESPACE);
            if (resourceId != null) {
                r.scalableDimension(EcsScaling.DIMENSION).resourceId(resourceId);
            }
            if (name != null) {
                r.policyNames(name);
            }
        }).scalingPolicies().stream().toList());
    }

    private static ScalingPolicyState state(ScalingPolicy p) {
        TargetTrackingScalingPolicyConfiguration c = p.targetTrackingScalingPolicyConfiguration();
        return new ScalingPolicyState(p.policyName(), p.policyARN(), p.resourceId(), p.policyTypeAsString(),
                c == null || c.predefinedMetricSpecification() == null ? null
                        : c.predefinedMetricSpecification().predefinedMetricTypeAsString(),
                c == null ? null : c.targetValue(), c == null ? null : c.scaleInCooldown(),
                c == null ? null : c.scaleOutCooldown(), c == null ? null : c.disableScaleIn());
    }

    private static ApplicationAutoScalingClient aas(RegionContext ctx) {
        return ctx.services(AwsClients.class).autoscaling();
    }
}
