package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
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
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/**
 * An ECS cluster with Container Insights, found by its name and recognised as ours by its tags. Publishes
 * the cluster ARN. Deleting waits for its services to be gone first (ECS refuses until they are).
 */
public final class ClusterReconciler implements Reconciler<ClusterSpec, ClusterState>,
        Updatable<ClusterSpec, ClusterState> {
    static final String CONTAINER_INSIGHTS = "containerInsights";
    /** What DeleteCluster answers while services or tasks are still winding down: worth waiting for. */
    private static final Set<String> STILL_IN_USE = Set.of("ClusterContainsServicesException",
            "ClusterContainsTasksException", "ClusterContainsContainerInstancesException", "UpdateInProgressException");

    private final Waiter waiter;

    public ClusterReconciler() {
        // services drain in minutes on AWS; a cluster becomes ACTIVE in seconds
        this(Waiter.upTo(Duration.ofMinutes(10)));
    }

    public ClusterReconciler(Waiter waiter) {
        this.waiter = waiter;
    }

    @Override
    public Optional<ClusterState> observe(ClusterSpec spec, RegionContext ctx) {
        return named(ctx, spec.name()).filter(c -> EcsTags.ownedAndNamed(c.tags(), ctx.project(), spec.name()))
                .map(ClusterReconciler::state);
    }

    @Override
    public List<FieldChange> diff(ClusterSpec spec, ClusterState actual) {
        return new Diffs().field(CONTAINER_INSIGHTS, spec.containerInsights(), actual.containerInsights()).toList();
    }

    /** CreateCluster answers with an existing cluster of that name: the engine refuses a stranger's. */
    @Override
    public Optional<String> foreign(ClusterSpec spec, RegionContext ctx) {
        return named(ctx, spec.name()).filter(c -> !EcsTags.ownedAndNamed(c.tags(), ctx.project(), spec.name()))
                .map(Cluster::clusterArn);
    }

    @Override
    public ClusterState create(ClusterSpec spec, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        Cluster made = AwsCall.call(() -> ecs.createCluster(r -> r.clusterName(spec.name()).settings(insights(spec))
                .tags(EcsTags.owned(ctx.project(), spec.name())))).cluster();
        // CreateCluster answers with the cluster: one already ACTIVE (AWS's usual answer) needs no describe
        return made != null && "ACTIVE".equals(made.status()) ? state(made) : awaitActive(ecs, spec.name(), ctx);
    }

    @Override
    public ClusterState update(ClusterSpec spec, ClusterState actual, List<FieldChange> changes, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        AwsCall.run(() -> ecs.updateCluster(r -> r.cluster(actual.name()).settings(insights(spec))));
        return awaitActive(ecs, actual.name(), ctx);
    }

    @Override
    public void delete(ClusterState actual, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        WaitFor.retrying("deleting ecs cluster " + actual.name() + " (waiting for its services to go)", () -> {
            AwsCall.ignoringNotFound(() -> ecs.deleteCluster(r -> r.cluster(actual.arn())));
            return Boolean.TRUE;
        }).notYet(STILL_IN_USE.toArray(String[]::new)).within(waiter).run(ctx.progress());
        WaitFor.gone("ecs cluster " + actual.name() + " inactive", () -> live(ecs, actual.name())).within(waiter)
                .run(ctx.progress());
    }

    @Override
    public String id(ClusterState actual) {
        return actual.arn();
    }

    private ClusterState awaitActive(EcsClient ecs, String name, RegionContext ctx) {
        return state(WaitFor.until("ecs cluster " + name + " active", () -> live(ecs, name), Cluster::status)
                .target("ACTIVE").within(waiter).run(ctx.progress()));
    }

    /** The cluster of that name unless deleted: ECS keeps INACTIVE clusters visible for a while. */
    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<Cluster> named(RegionContext ctx, String name) {
        return ctx.memo("ecs/cluster/" + name, () -> live(ecs(ctx), name));
    }

    private static Optional<Cluster> live(EcsClient ecs, String name) {
        return AwsCall.call(() -> ecs.describeClusters(r -> r.clusters(name)
                        .include(ClusterField.TAGS, ClusterField.SETTINGS)).clusters()).stream()
                .filter(c -> name.equals(c.clusterName()))
                .filter(c -> !"INACTIVE".equals(c.status()) && !"DEPROVISIONING".equals(c.status()))
                .findFirst();
    }

    private static ClusterSetting insights(ClusterSpec spec) {
        return ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value(spec.containerInsights()).build();
    }

    private static ClusterState state(Cluster c) {
        String insights = c.settings().stream().filter(s -> s.name() == ClusterSettingName.CONTAINER_INSIGHTS)
                .map(ClusterSetting::value).findFirst().orElse("disabled");
        return new ClusterState(c.clusterName(), c.clusterArn(), c.status(), insights);
    }

    private static EcsClient ecs(RegionContext ctx) {
        return ctx.services(AwsClients.class).ecs();
    }
}
