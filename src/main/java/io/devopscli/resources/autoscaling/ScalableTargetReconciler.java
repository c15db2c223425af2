package io.devopscli.resources.autoscaling;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.ecs.FirstImage;
import io.devopscli.resources.ecs.ServiceState;
import io.devopscli.resources.ecs.TaskDefinitionState;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;

/**
 * The scalable target of one of our ECS services. Its identity is the service's: a target exists at most
 * once per service and dimension, and the service is found through our ownership tags, so the target of
 * our service is ours. (It is tagged at registration too, but the emulator has no tagging API for Application
 * Auto Scaling, so ownership is not read back from tags.) Publishes the resource id. Min and max are
 * mutable: RegisterScalableTarget updates in place.
 */
public final class ScalableTargetReconciler implements Reconciler<ScalableTargetSpec, ScalableTargetState>,
        Updatable<ScalableTargetSpec, ScalableTargetState> {
    static final String MEMO = "autoscaling/ecs-scalable-targets";

    @Override
    public Optional<ScalableTargetState> observe(ScalableTargetSpec spec, RegionContext ctx) {
        // the region's targets first: that read needs no parent, only the filter waits for the service
        List<ScalableTarget> all = ctx.memo(MEMO, () -> AwsCall.call(() -> aas(ctx).describeScalableTargetsPaginator(r -> r
                .serviceNamespace(EcsScaling.NAMESPACE).scalableDimension(EcsScaling.DIMENSION))
                .scalableTargets().stream().toList()));
        Optional<ServiceState> service = ctx.actualOf(spec.service(), ServiceState.class);
        if (service.isEmpty()) {
            return Optional.empty(); // no service of ours, so nothing of ours scales it
        }
        String resourceId = EcsScaling.resourceId(service.get());
        return all.stream().filter(t -> resourceId.equals(t.resourceId())).findFirst().map(ScalableTargetReconciler::state)
                .map(s -> s.awaiting(awaitingFirstImage(ctx, spec, service.get())));
    }

    /**
     * Whether the service's revision runs the bootstrap placeholder: the task definition node already read
     * the latest revision; a service on another revision (the pipeline's, or a rollback) is read once.
     */
    static boolean awaitingFirstImage(RegionContext ctx, ScalableTargetSpec spec, ServiceState service) {
        if (service.taskDefinitionArn() == null) {
            return true;
        }
        Optional<TaskDefinitionState> latest = spec.taskDefinition() == null ? Optional.empty()
                : ctx.actualOf(spec.taskDefinition(), TaskDefinitionState.class);
        if (latest.isPresent() && service.taskDefinitionArn().equals(latest.get().arn())) {
            return FirstImage.awaiting(latest.get().image());
        }
        return FirstImage.awaiting(FirstImage.imageOf(ctx.services(AwsClients.class).ecs(), service.taskDefinitionArn())
                .orElse(null));
    }

    /** The topology's capacity, or 0..0 while the service waits for its first image. */
    static int[] capacity(ScalableTargetSpec spec, boolean awaiting) {
        return awaiting ? new int[] {0, 0} : new int[] {spec.minCapacity(), spec.maxCapacity()};
    }

    @Override
    public List<FieldChange> diff(ScalableTargetSpec spec, ScalableTargetState actual) {
        int[] want = capacity(spec, actual.awaitingFirstImage());
        return new Diffs()
                .field("minCapacity", want[0], actual.minCapacity())
                .field("maxCapacity", want[1], actual.maxCapacity())
                .toList();
    }

    @Override
    public ScalableTargetState create(ScalableTargetSpec spec, RegionContext ctx) {
        ServiceState service = ctx.actualOf(spec.service(), ServiceState.class)
                .orElseThrow(() -> new IllegalStateException(spec.service() + " has no state yet"));
        String resourceId = EcsScaling.resourceId(service);
        boolean awaiting = awaitingFirstImage(ctx, spec, service);
        int[] capacity = capacity(spec, awaiting);
        // RegisterScalableTarget is an upsert, so a retried or repeated create is harmless
        String arn = AwsCall.call(() -> aas(ctx).registerScalableTarget(r -> r.serviceNamespace(EcsScaling.NAMESPACE)
                .scalableDimension(EcsScaling.DIMENSION).resourceId(resourceId)
                .minCapacity(capacity[0]).maxCapacity(capacity[1])
                .tags(Tags.owned(ctx.project(), spec.name())))).scalableTargetARN();
        if (arn == null) {
            return read(ctx, resourceId).awaiting(awaiting); // an endpoint that does not answer the ARN
        }
        // what was registered, with the ARN AWS answered: no describe
        ctx.forget(MEMO);
        return new ScalableTargetState(resourceId, arn, capacity[0], capacity[1], awaiting);
    }

    @Override
    public ScalableTargetState update(ScalableTargetSpec spec, ScalableTargetState actual, List<FieldChange> changes,
                                      RegionContext ctx) {
        int[] capacity = capacity(spec, actual.awaitingFirstImage());
        AwsCall.run(() -> aas(ctx).registerScalableTarget(r -> r.serviceNamespace(EcsScaling.NAMESPACE)
                .scalableDimension(EcsScaling.DIMENSION).resourceId(actual.resourceId())
                .minCapacity(capacity[0]).maxCapacity(capacity[1])));
        return read(ctx, actual.resourceId()).awaiting(actual.awaitingFirstImage());
    }

    /** Deregistering also deletes the target's scaling policies on AWS (the emulator keeps them). */
    @Override
    public void delete(ScalableTargetState actual, RegionContext ctx) {
        Deletions.ignoringMissing(() -> aas(ctx).deregisterScalableTarget(r -> r.serviceNamespace(EcsScaling.NAMESPACE)
                .scalableDimension(EcsScaling.DIMENSION).resourceId(actual.resourceId())));
        ctx.forget(MEMO);
    }

    @Override
    public String id(ScalableTargetState actual) {
        return actual.resourceId();
    }

    private static ScalableTargetState read(RegionContext ctx, String resourceId) {
        ctx.forget(MEMO);
        return AwsCall.call(() -> aas(ctx).describeScalableTargets(r -> r.serviceNamespace(EcsScaling.NAMESPACE)
                        .scalableDimension(EcsScaling.DIMENSION).resourceIds(resourceId)).scalableTargets())
                .stream().findFirst().map(ScalableTargetReconciler::state)
                .orElseThrow(() -> new IllegalStateException("scalable target " + resourceId + " not found after registering"));
    }

    private static ScalableTargetState state(ScalableTarget t) {
        return new ScalableTargetState(t.resourceId(), t.scalableTargetARN(), t.minCapacity(), t.maxCapacity());
    }

    private static ApplicationAutoScalingClient aas(RegionContext ctx) {
        return ctx.services(AwsClients.class).autoscaling();
    }
}
