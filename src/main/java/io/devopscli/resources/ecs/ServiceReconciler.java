package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.IdempotencyTokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * A Fargate service, found by name in our cluster and recognised as ours by its tags. Publishes the
 * service ARN.
 *
 * <p>Two fields belong to others at run time. The desired count belongs to autoscaling: set at creation,
 * never drift, never reset. The task definition revision belongs to the pipeline, which registers a
 * revision per build and moves the service to it (and the circuit breaker may roll it back to the one
 * before). So the revision is drift only when (a) the service runs another family than ours, or (b) our
 * task definition node registers a new revision in this very run (our spec changed, or someone changed
 * the latest revision by hand): then the service moves to that revision in the same run. A service on an
 * older revision of our family is NOT drift: that is where a failed deploy's rollback leaves it, and
 * moving it to the latest (failed) revision would undo the rollback.
 *
 * <p>Readiness: steady state takes minutes on AWS, so mutations wait only until the PRIMARY deployment
 * exists and has not failed, reporting task counts as they move.
 */
public final class ServiceReconciler implements Reconciler<ServiceSpec, ServiceState>,
        Referencing<ServiceSpec, ServiceState>, Updatable<ServiceSpec, ServiceState> {
    static final String TASK_DEFINITION = "taskDefinition";
    static final String SUBNETS = "subnets";
    static final String SECURITY_GROUPS = "securityGroups";
    static final String ASSIGN_PUBLIC_IP = "assignPublicIp";
    static final String LOAD_BALANCERS = "loadBalancers";
    static final String CIRCUIT_BREAKER = "deploymentCircuitBreaker";
    static final String GRACE_PERIOD = "healthCheckGracePeriodSeconds";
    static final String PROPAGATE_TAGS = "propagateTags";
    static final String TO_BE_CREATED = "(to be created)";
    private static final String CIRCUIT_BREAKER_ON = "enable=true rollback=true";
    private static final Set<String> NETWORK_FIELDS = Set.of(SUBNETS, SECURITY_GROUPS, ASSIGN_PUBLIC_IP);

    private final Waiter deploymentWaiter;
    private final Waiter deleteWaiter;

    public ServiceReconciler() {
        // a deployment appears in seconds; draining and deleting takes minutes on AWS
        this(Waiter.upTo(Duration.ofMinutes(5)), Waiter.upTo(Duration.ofMinutes(15)));
    }

    public ServiceReconciler(Waiter deploymentWaiter, Waiter deleteWaiter) {
        this.deploymentWaiter = deploymentWaiter;
        this.deleteWaiter = deleteWaiter;
    }

    @Override
    public Optional<ServiceState> observe(ServiceSpec spec, RegionContext ctx) {
        Optional<String> cluster = ctx.idOf(spec.cluster());
        if (cluster.isEmpty()) {
            return Optional.empty(); // no cluster of ours, so no service of ours either
        }
        Optional<TaskDefinitionState> td = ctx.actualOf(spec.taskDefinition(), TaskDefinitionState.class);
        return named(ctx, cluster.get(), spec.name())
                .filter(s -> EcsTags.ownedAndNamed(s.tags(), ctx.project(), spec.name()))
                .map(s -> state(s, ctx.idOf(spec.taskDefinition()).orElse(null),
                        td.map(TaskDefinitionState::newRevisionDue).orElse(true)));
    }

    @Override
    public List<ResourceKey> references(ServiceSpec spec) {
        return spec.parents();
    }

    @Override
    public List<FieldChange> diff(ServiceSpec spec, ServiceState actual, Refs p) {
        return new Diffs()
                .immutable("launchType", LaunchType.FARGATE.toString(), actual.launchType())
                .field(TASK_DEFINITION, wantedTaskDefinition(actual), actual.taskDefinitionArn())
                .field(SUBNETS, spec.subnets().stream().map(ResourceKey::name).sorted().toList(),
                        actual.subnets().stream().map(p::render).sorted().toList())
                .field(SECURITY_GROUPS, List.of(spec.securityGroup().name()),
                        actual.securityGroups().stream().map(p::render).sorted().toList())
                .field(ASSIGN_PUBLIC_IP, AssignPublicIp.DISABLED.toString(), actual.assignPublicIp())
                .field(LOAD_BALANCERS, List.of(spec.targetGroup().name() + " " + spec.containerName() + ":"
                        + spec.containerPort()), actual.loadBalancers().stream().map(lb -> renderLoadBalancer(lb, p))
                        .sorted().toList())
                .field(CIRCUIT_BREAKER, CIRCUIT_BREAKER_ON, actual.circuitBreaker())
                .field(GRACE_PERIOD, spec.healthCheckGracePeriodSeconds(), actual.healthCheckGracePeriodSeconds())
                .field(PROPAGATE_TAGS, PropagateTags.SERVICE.toString(), actual.propagateTags())
                .toList();
    }

    /** The rule of the class comment: the service's own revision unless the family differs or ours moves on. */
    static String wantedTaskDefinition(ServiceState actual) {
        String published = actual.publishedTaskDefinition();
        if (published == null || actual.taskDefinitionRevisionDue()) {
            return "(new revision of our task definition)";
        }
        if (actual.taskDefinitionArn() == null
                || !TaskDefinitionReconciler.familyOf(published).equals(TaskDefinitionReconciler.familyOf(actual.taskDefinitionArn()))) {
            return published;
        }
        return actual.taskDefinitionArn();
    }

    @Override
    public Optional<String> foreign(ServiceSpec spec, RegionContext ctx) {
        return named(ctx, ctx.requireId(spec.cluster()), spec.name())
                .filter(s -> !EcsTags.ownedAndNamed(s.tags(), ctx.project(), spec.name())).map(Service::serviceArn);
    }

    @Override
    public ServiceState create(ServiceSpec spec, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        String cluster = ctx.requireId(spec.cluster());
        String taskDefinition = ctx.requireId(spec.taskDefinition());
        // at most 36 characters; the same parameters give the same token, so a retried create is not doubled
        String token = IdempotencyTokens.of("ecs-service", ctx.project(), ctx.region(), cluster, spec.name(), taskDefinition);
        // no tasks until the pipeline has built an image: a task of the placeholder would crash-loop pulling it
        boolean awaiting = FirstImage.awaiting(ctx.actualOf(spec.taskDefinition(), TaskDefinitionState.class)
                .map(TaskDefinitionState::image).orElse(null));
        int desired = awaiting ? 0 : spec.desiredCount();
        if (awaiting) {
            ctx.progress().info("ecs service " + spec.name() + ": 0 tasks until the pipeline deploys its first image");
        }
        Service created = createService(ecs, cluster, taskDefinition, spec, desired, token, ctx);
        if (!"ACTIVE".equals(created.status())) {
            // the token made a service since deleted (re-creating after a delete): a token derived from
            // that one's creation time is new, yet the same on a retry
            String salted = IdempotencyTokens.of(token, String.valueOf(created.createdAt()));
            created = createService(ecs, cluster, taskDefinition, spec, desired, salted, ctx);
        }
        reapplyDroppedSettings(ecs, cluster, spec, created);
        return awaitDeployment(ecs, cluster, spec.name(), taskDefinition, ctx);
    }

    private static Service createService(EcsClient ecs, String cluster, String taskDefinition, ServiceSpec spec,
                                         int desiredCount, String token, RegionContext ctx) {
        return AwsCall.call(() -> ecs.createService(r -> r.cluster(cluster)
                .serviceName(spec.name())
                .taskDefinition(taskDefinition)
                .desiredCount(desiredCount)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(network(spec, ctx))
                .loadBalancers(loadBalancer(spec, ctx))
                .deploymentConfiguration(circuitBreakerOn())
                .healthCheckGracePeriodSeconds(spec.healthCheckGracePeriodSeconds())
                .propagateTags(PropagateTags.SERVICE)
                .clientToken(token)
                .tags(EcsTags.owned(ctx.project(), spec.name())))).service();
    }

    /**
     * The emulator drops deploymentConfiguration and healthCheckGracePeriodSeconds on CreateService (its
     * UpdateService keeps them). AWS echoes both in the CreateService answer, so this costs nothing there.
     */
    private static void reapplyDroppedSettings(EcsClient ecs, String cluster, ServiceSpec spec, Service created) {
        boolean dropped = created.deploymentConfiguration() == null
                || created.deploymentConfiguration().deploymentCircuitBreaker() == null
                || created.healthCheckGracePeriodSeconds() == null;
        if (dropped) {
            AwsCall.run(() -> ecs.updateService(r -> r.cluster(cluster).service(spec.name())
                    .deploymentConfiguration(circuitBreakerOn())
                    .healthCheckGracePeriodSeconds(spec.healthCheckGracePeriodSeconds())));
        }
    }

    @Override
    public ServiceState update(ServiceSpec spec, ServiceState actual, List<FieldChange> changes, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        String cluster = actual.clusterArn();
        // the task definition node ran first: its id is now the revision it registered in this run
        String taskDefinition = ctx.requireId(spec.taskDefinition());
        UpdateServiceRequest.Builder request = UpdateServiceRequest.builder().cluster(cluster).service(actual.name());
        for (FieldChange change : changes) {
            switch (change.field()) {
                case TASK_DEFINITION -> request.taskDefinition(taskDefinition);
                case SUBNETS, SECURITY_GROUPS, ASSIGN_PUBLIC_IP -> request.networkConfiguration(network(spec, ctx));
                case LOAD_BALANCERS -> request.loadBalancers(loadBalancer(spec, ctx));
                case CIRCUIT_BREAKER -> request.deploymentConfiguration(circuitBreakerOn());
                case GRACE_PERIOD -> request.healthCheckGracePeriodSeconds(spec.healthCheckGracePeriodSeconds());
                case PROPAGATE_TAGS -> request.propagateTags(PropagateTags.SERVICE);
                default -> throw new IllegalStateException("ecs service field " + change.field() + " cannot be updated");
            }
        }
        // desiredCount is never sent: autoscaling owns it
        AwsCall.run(() -> ecs.updateService(request.build()));
        boolean moved = changes.stream().anyMatch(c -> c.field().equals(TASK_DEFINITION));
        return awaitDeployment(ecs, cluster, actual.name(), moved ? taskDefinition : null, ctx);
    }

    /** Drains to zero tasks, deletes, and waits until ECS reports it INACTIVE (or forgets it). */
    @Override
    public void delete(ServiceState actual, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        String cluster = actual.clusterArn();
        ignoringInactive(() -> ecs.updateService(r -> r.cluster(cluster).service(actual.name()).desiredCount(0)));
        ignoringInactive(() -> ecs.deleteService(r -> r.cluster(cluster).service(actual.name()).force(true)));
        WaitFor.until("ecs service " + actual.name() + " draining and deleting", () -> any(ecs, cluster, actual.name()),
                Service::status).target(WaitFor.GONE, "INACTIVE").within(deleteWaiter).run(ctx.progress());
    }

    @Override
    public String id(ServiceState actual) {
        return actual.arn();
    }

    /**
     * Waits until the PRIMARY deployment (of taskDefinition, when given) exists and has not failed; a
     * failed rollout fails the node with ECS's reason. Task counts are reported as they change.
     */
    private ServiceState awaitDeployment(EcsClient ecs, String cluster, String name, String taskDefinition,
                                         RegionContext ctx) {
        AtomicReference<String> lastCounts = new AtomicReference<>("");
        Service ready = deploymentWaiter.until("ecs service " + name + " deployment", ctx.progress(), () -> {
            Optional<Service> service = live(ecs, cluster, name);
            Optional<Deployment> primary = service.flatMap(s -> s.deployments().stream()
                    .filter(d -> "PRIMARY".equals(d.status())).findFirst());
            if (primary.isEmpty()) {
                return Optional.empty();
            }
            Deployment d = primary.get();
            if ("FAILED".equals(d.rolloutStateAsString())) {
                throw new IllegalStateException("ecs service " + name + " deployment " + d.id() + " failed: "
                        + d.rolloutStateReason());
            }
            String counts = "ecs service " + name + ": " + d.runningCount() + " running, " + Math.max(0, d.pendingCount() == null ? 0 : d.pendingCount())
                    + " pending of " + d.desiredCount() + " desired";
            if (!counts.equals(lastCounts.getAndSet(counts))) {
                ctx.progress().info(counts);
            }
            // the service's own field, not the deployment's: the emulator leaves deployments as they were on
            // UpdateService, while on AWS both name the new revision once the new deployment is PRIMARY
            boolean onRevision = taskDefinition == null || taskDefinition.equals(service.get().taskDefinition());
            return onRevision ? service : Optional.empty();
        });
        return state(ready, null, false);
    }

    private static NetworkConfiguration network(ServiceSpec spec, RegionContext ctx) {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a
                .subnets(spec.subnets().stream().map(ctx::requireId).toList())
                .securityGroups(ctx.requireId(spec.securityGroup()))
                .assignPublicIp(AssignPublicIp.DISABLED)).build();
    }

    private static LoadBalancer loadBalancer(ServiceSpec spec, RegionContext ctx) {
        return LoadBalancer.builder().targetGroupArn(ctx.requireId(spec.targetGroup()))
                .containerName(spec.containerName()).containerPort(spec.containerPort()).build();
    }

    private static DeploymentConfiguration circuitBreakerOn() {
        return DeploymentConfiguration.builder().deploymentCircuitBreaker(c -> c.enable(true).rollback(true)).build();
    }

    /** A delete step on a service that is already going (or gone) has nothing left to do. */
    private static void ignoringInactive(Runnable call) {
        try {
            AwsCall.ignoringNotFound(call);
        } catch (AwsFailure f) {
            if (!"ServiceNotActiveException".equals(f.code())) {
                throw f;
            }
        }
    }

    /** The service unless deleted or being deleted (ECS shows DRAINING, then INACTIVE, for a while). */
    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<Service> named(RegionContext ctx, String cluster, String name) {
        return ctx.memo("ecs/service/" + cluster + "/" + name, () -> live(ecs(ctx), cluster, name));
    }

    private static Optional<Service> live(EcsClient ecs, String cluster, String name) {
        return any(ecs, cluster, name).filter(s -> "ACTIVE".equals(s.status()));
    }

    private static Optional<Service> any(EcsClient ecs, String cluster, String name) {
        return AwsCall.orEmpty(() -> ecs.describeServices(r -> r.cluster(cluster).services(name)
                        .include(ServiceField.TAGS)).services())
                .flatMap(list -> list.stream().filter(s -> name.equals(s.serviceName())).findFirst());
    }

    private static String renderLoadBalancer(String lb, Refs parents) {
        int space = lb.indexOf(' ');
        return parents.render(lb.substring(0, space)) + lb.substring(space);
    }

    static ServiceState state(Service s, String publishedTaskDefinition, boolean revisionDue) {
        var vpc = s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
        var breaker = s.deploymentConfiguration() == null ? null : s.deploymentConfiguration().deploymentCircuitBreaker();
        return new ServiceState(s.serviceName(), s.serviceArn(), s.clusterArn(), s.status(), s.launchTypeAsString(),
                s.taskDefinition(),
                vpc == null ? List.of() : vpc.subnets().stream().sorted().toList(),
                vpc == null ? List.of() : vpc.securityGroups().stream().sorted().toList(),
                vpc == null ? null : vpc.assignPublicIpAsString(),
                s.loadBalancers().stream().map(lb -> lb.targetGroupArn() + " " + lb.containerName() + ":"
                        + lb.containerPort()).sorted().toList(),
                breaker == null ? "none" : "enable=" + breaker.enable() + " rollback=" + breaker.rollback(),
                s.healthCheckGracePeriodSeconds(), s.propagateTagsAsString(),
                nz(s.desiredCount()), nz(s.runningCount()), nz(s.pendingCount()), publishedTaskDefinition,
                revisionDue);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static EcsClient ecs(RegionContext ctx) {
        return ctx.services(AwsClients.class).ecs();
    }
}
