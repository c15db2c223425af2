package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * A task definition family, observed as its latest ACTIVE revision. Revisions are immutable: a changed
 * spec registers a new revision (keeping the image the latest one runs, which the pipeline owns), never
 * an edit in place. Publishes the revision's ARN (family:revision). Delete deregisters every active
 * revision of the family, then deletes the inactive ones.
 */
public final class TaskDefinitionReconciler implements Reconciler<TaskDefinitionSpec, TaskDefinitionState>,
        Updatable<TaskDefinitionSpec, TaskDefinitionState> {
    static final String TO_BE_CREATED = "(to be created)";
    /** How many older revisions to search for our tags when the latest (the pipeline's) lacks them. */
    private static final int OWNERSHIP_LOOKBACK = 5;
    /** DeleteTaskDefinitions takes at most ten at a time. */
    private static final int DELETE_BATCH = 10;

    @Override
    public Optional<TaskDefinitionState> observe(TaskDefinitionSpec spec, RegionContext ctx) {
        return findOwned(ecs(ctx), spec.family(), ctx.project(), latestActive(ctx, spec.family())).map(found -> {
            TaskDefinitionState state = state(found.definition(), found.tagged(), wanted(spec, ctx));
            return state.withNewRevisionDue(!diff(spec, state).isEmpty());
        });
    }

    @Override
    public List<FieldChange> diff(TaskDefinitionSpec spec, TaskDefinitionState actual) {
        TaskShape want = TaskShape.desired(spec, actual.wanted());
        TaskShape have = actual.shape();
        return new Diffs()
                .field("cpu", want.cpu(), have.cpu())
                .field("memory", want.memory(), have.memory())
                .field("networkMode", want.networkMode(), have.networkMode())
                .field("requiresCompatibilities", want.requiresCompatibilities(), have.requiresCompatibilities())
                .field("container", want.container(), have.container())
                .field("environment", want.environment(), have.environment())
                .field("logConfiguration", want.logDriver() + " " + want.logOptions(),
                        have.logDriver() + " " + have.logOptions())
                .field("executionRole", want.executionRoleArn(), have.executionRoleArn())
                .field("taskRole", want.taskRoleArn(), have.taskRoleArn())
                .field("secrets", want.secrets(), have.secrets())
                .toList();
    }

    /** A family with active revisions none of which carries our tag is someone else's. */
    @Override
    public Optional<String> foreign(TaskDefinitionSpec spec, RegionContext ctx) {
        return latestActive(ctx, spec.family()).map(latest -> "task definition family " + spec.family());
    }

    @Override
    public TaskDefinitionState create(TaskDefinitionSpec spec, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        TaskDefinitionState.Wanted wanted = parentsNow(spec, ctx);
        return register(ecs, spec, wanted, ctx.requireId(spec.repository()) + ":" + spec.bootstrapTag(), ctx);
    }

    @Override
    public TaskDefinitionState update(TaskDefinitionSpec spec, TaskDefinitionState actual, List<FieldChange> changes,
                                      RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        // parents created earlier in this run have ids only now
        TaskDefinitionState.Wanted wanted = parentsNow(spec, ctx);
        return register(ecs, spec, wanted, actual.image(), ctx);
    }

    @Override
    public void delete(TaskDefinitionState actual, RegionContext ctx) {
        EcsClient ecs = ecs(ctx);
        for (String arn : arns(ecs, actual.family(), TaskDefinitionStatus.ACTIVE)) {
            AwsCall.ignoringNotFound(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        }
        List<String> inactive = arns(ecs, actual.family(), TaskDefinitionStatus.INACTIVE);
        for (int i = 0; i < inactive.size(); i += DELETE_BATCH) {
            List<String> batch = inactive.subList(i, Math.min(i + DELETE_BATCH, inactive.size()));
            var failures = AwsCall.call(() -> ecs.deleteTaskDefinitions(r -> r.taskDefinitions(batch))).failures();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("deleting task definitions of " + actual.family() + ": "
                        + failures.stream().map(f -> f.arn() + ": " + f.reason()).collect(Collectors.joining("; ")));
            }
        }
    }

    @Override
    public String id(TaskDefinitionState actual) {
        return actual.arn();
    }

    private TaskDefinitionState register(EcsClient ecs, TaskDefinitionSpec spec, TaskDefinitionState.Wanted wanted,
                                         String image, RegionContext ctx) {
        ctx.progress().info("registering a new revision of task definition " + spec.family() + " (image " + image + ")");
        TaskShape shape = TaskShape.desired(spec, wanted);
        ContainerDefinition container = ContainerDefinition.builder()
                .name(spec.containerName())
                .image(image)
                .essential(true)
                .portMappings(p -> p.containerPort(spec.containerPort()).protocol(TransportProtocol.TCP))
                .environment(spec.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(shape.logOptions()))
                .secrets(wanted.secrets().entrySet().stream()
                        .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                .build();
        TaskDefinition registered = AwsCall.call(() -> ecs.registerTaskDefinition(r -> r.family(spec.family())
                .cpu(spec.cpu()).memory(spec.memory())
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilitiesWithStrings(TaskShape.FARGATE)
                .executionRoleArn(wanted.executionRoleArn())
                .taskRoleArn(wanted.taskRoleArn())
                .containerDefinitions(container)
                .tags(EcsTags.owned(ctx.project(), spec.family())))).taskDefinition();
        return state(registered, true, wanted);
    }

    private record Found(TaskDefinition definition, boolean tagged) {}

    /**
     * The latest active revision, if the family is ours: that revision carries our tags, or (when the
     * pipeline's deploy registered it without them) one of the few before it does.
     */
    private static Optional<Found> findOwned(EcsClient ecs, String family, String project,
                                             Optional<DescribeTaskDefinitionResponse> latest) {
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        TaskDefinition def = latest.get().taskDefinition();
        if (EcsTags.ownedAndNamed(latest.get().tags(), project, family)) {
            return Optional.of(new Found(def, true));
        }
        List<String> older = arns(ecs, family, TaskDefinitionStatus.ACTIVE).stream()
                .filter(arn -> !arn.equals(def.taskDefinitionArn())).limit(OWNERSHIP_LOOKBACK).toList();
        for (String arn : older) {
            if (describe(ecs, arn).filter(d -> EcsTags.ownedAndNamed(d.tags(), project, family)).isPresent()) {
                return Optional.of(new Found(def, false));
            }
        }
        return Optional.empty();
    }

    /**
     * AWS answers a family name with its latest ACTIVE revision. The emulator answers with the latest
     * revision whatever its status, so an INACTIVE answer is checked against the list of active ones.
     */
    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and updates read afresh. */
    private static Optional<DescribeTaskDefinitionResponse> latestActive(RegionContext ctx, String family) {
        return ctx.memo("ecs/task-definition/" + family, () -> latestActive(ecs(ctx), family));
    }

    private static Optional<DescribeTaskDefinitionResponse> latestActive(EcsClient ecs, String family) {
        Optional<DescribeTaskDefinitionResponse> answer = describe(ecs, family);
        if (answer.isEmpty() || answer.get().taskDefinition().status() == TaskDefinitionStatus.ACTIVE) {
            return answer;
        }
        return arns(ecs, family, TaskDefinitionStatus.ACTIVE).stream().findFirst().flatMap(arn -> describe(ecs, arn));
    }

    /** A family name or revision ARN; ECS answers an unknown one with ClientException, not a 404. */
    private static Optional<DescribeTaskDefinitionResponse> describe(EcsClient ecs, String ref) {
        try {
            return AwsCall.orEmpty(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(ref)
                    .include(TaskDefinitionField.TAGS)));
        } catch (AwsFailure f) {
            if ("ClientException".equals(f.code()) && String.valueOf(f.getMessage()).contains("Unable to describe")) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** The family's revisions with that status, newest first. familyPrefix is a prefix: match exactly. */
    private static List<String> arns(EcsClient ecs, String family, TaskDefinitionStatus status) {
        List<String> arns = new ArrayList<>(AwsCall.call(() -> ecs.listTaskDefinitionsPaginator(r -> r
                .familyPrefix(family).status(status)).taskDefinitionArns().stream()
                .filter(arn -> family.equals(familyOf(arn))).toList()));
        arns.sort(Comparator.comparingInt(TaskDefinitionReconciler::revisionOf).reversed());
        return arns;
    }

    static String familyOf(String arn) {
        String tail = arn.substring(arn.lastIndexOf('/') + 1);
        return tail.substring(0, tail.lastIndexOf(':'));
    }

    static int revisionOf(String arn) {
        return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
    }

    private static TaskDefinitionState.Wanted wanted(TaskDefinitionSpec spec, RegionContext ctx) {
        return new TaskDefinitionState.Wanted(ctx.region(), idOr(ctx, spec.logGroup()), idOr(ctx, spec.executionRole()),
                idOr(ctx, spec.taskRole()), secrets(spec, ctx));
    }

    /** For create and update: every parent exists by now. */
    private static TaskDefinitionState.Wanted parentsNow(TaskDefinitionSpec spec, RegionContext ctx) {
        return new TaskDefinitionState.Wanted(ctx.region(), ctx.requireId(spec.logGroup()),
                ctx.requireId(spec.executionRole()), ctx.requireId(spec.taskRole()), secrets(spec, ctx));
    }

    /** Variable to ARN, as the secrets check found them (none without app secrets). */
    private static Map<String, String> secrets(TaskDefinitionSpec spec, RegionContext ctx) {
        if (spec.secrets() == null) {
            return Map.of();
        }
        return ctx.actualOf(spec.secrets(), io.devopscli.resources.secrets.AppSecretsState.class)
                .map(io.devopscli.resources.secrets.AppSecretsState::valueFrom).orElse(Map.of());
    }

    private static String idOr(RegionContext ctx, ResourceKey key) {
        return ctx.idOf(key).orElse(TO_BE_CREATED);
    }

    static TaskDefinitionState state(TaskDefinition def, boolean tagged, TaskDefinitionState.Wanted wanted) {
        ContainerDefinition c = def.containerDefinitions().isEmpty() ? ContainerDefinition.builder().build()
                : def.containerDefinitions().get(0);
        String containers = def.containerDefinitions().stream()
                .map(cd -> TaskShape.container(cd.name(), cd.portMappings().isEmpty() ? null
                        : cd.portMappings().get(0).containerPort()))
                .collect(Collectors.joining(","));
        Map<String, String> env = c.environment().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value, (a, b) -> b));
        String driver = c.logConfiguration() == null ? null : c.logConfiguration().logDriverAsString();
        Map<String, String> options = c.logConfiguration() == null ? Map.of() : c.logConfiguration().options();
        Map<String, String> secrets = c.secrets().stream()
                .collect(Collectors.toMap(Secret::name, Secret::valueFrom, (a, b) -> b));
        TaskShape shape = new TaskShape(def.cpu(), def.memory(), def.networkModeAsString(),
                def.requiresCompatibilitiesAsStrings(), containers, env, driver, options, def.executionRoleArn(),
                def.taskRoleArn(), secrets);
        return new TaskDefinitionState(def.taskDefinitionArn(), def.family(), def.revision(), c.image(), shape, tagged,
                wanted, false);
    }

    private static EcsClient ecs(RegionContext ctx) {
        return ctx.services(AwsClients.class).ecs();
    }
}
