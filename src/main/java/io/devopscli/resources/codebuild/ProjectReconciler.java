package io.devopscli.resources.codebuild;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.AccountId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.LogsConfig;
import software.amazon.awssdk.services.codebuild.model.LogsConfigStatusType;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.ProjectArtifacts;
import software.amazon.awssdk.services.codebuild.model.ProjectEnvironment;
import software.amazon.awssdk.services.codebuild.model.ProjectSource;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.codebuild.model.Tag;

/**
 * The CodeBuild project the pipeline's Build stage runs: source and artifacts from CodePipeline, a
 * privileged Linux container (Docker builds), logs to its CloudWatch Logs group, the build role. Found by
 * name (BatchGetProjects) and recognised as ours by its ownership tag. Publishes the project name, which
 * is what a CodePipeline action names; the ARN is in the state. Everything but the name is updatable.
 */
public final class ProjectReconciler implements Reconciler<ProjectSpec, ProjectState>,
        Updatable<ProjectSpec, ProjectState> {
    static final String ACCOUNT_VARIABLE = "AWS_ACCOUNT_ID";
    static final String CODEPIPELINE = "CODEPIPELINE";
    static final String TO_BE_CREATED = "(to be created)";

    private final Function<RegionContext, CodeBuildClient> clients;
    private final Waiter roleWaiter;

    public ProjectReconciler() {
        // a role created a moment ago can take seconds, rarely a minute or two, to become assumable
        this(ctx -> ctx.services(AwsClients.class).codebuild(), Waiter.upTo(Duration.ofMinutes(2)));
    }

    /** With another client source: tests use a scripted client for what the emulator lacks. */
    public ProjectReconciler(Function<RegionContext, CodeBuildClient> clients, Waiter roleWaiter) {
        this.clients = clients;
        this.roleWaiter = roleWaiter;
    }

    @Override
    public Optional<ProjectState> observe(ProjectSpec spec, RegionContext ctx) {
        return named(ctx, spec.name()).filter(p -> isOwned(p, ctx.project()))
                .map(p -> state(p, ctx.idOf(spec.serviceRole()).orElse(null), ctx.idOf(spec.logGroup()).orElse(null),
                        AccountId.of(ctx)));
    }

    @Override
    public List<FieldChange> diff(ProjectSpec spec, ProjectState actual) {
        return new Diffs()
                .immutable("name", spec.name(), actual.name())
                .field("source", CODEPIPELINE, actual.sourceType())
                .field("artifacts", CODEPIPELINE, actual.artifactsType())
                .field("buildspec", spec.buildspec(), actual.buildspec())
                .field("image", spec.image(), actual.image())
                .field("computeType", spec.computeType(), actual.computeType())
                .field("privilegedMode", spec.privilegedMode(), actual.privilegedMode())
                .field("environmentVariables", variables(spec, actual.wantedAccountId()), new TreeMap<>(actual.environmentVariables()))
                .field("serviceRole", wanted(actual.wantedServiceRole()), actual.serviceRole())
                .field("logGroup", wanted(actual.wantedLogGroup()), actual.logGroup())
                .toList();
    }

    @Override
    public Optional<String> foreign(ProjectSpec spec, RegionContext ctx) {
        return named(ctx, spec.name()).filter(p -> !isOwned(p, ctx.project())).map(Project::arn);
    }

    @Override
    public ProjectState create(ProjectSpec spec, RegionContext ctx) {
        CodeBuildClient codebuild = clients.apply(ctx);
        Desired d = desired(spec, ctx);
        List<Tag> tags = Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        // CreateProject takes no client token; a second create of the name fails, handled below
        Optional<Project> created = untilRoleAssumable(spec, d, ctx, () -> {
            try {
                return AwsCall.call(() -> codebuild.createProject(r -> r.name(spec.name()).source(d.source())
                        .artifacts(d.artifacts()).environment(d.environment()).serviceRole(d.serviceRole())
                        .logsConfig(d.logs()).tags(tags))).project();
            } catch (AwsFailure f) {
                if (f.code().equals("ResourceAlreadyExistsException")) {
                    return null;
                }
                throw f;
            }
        });
        if (created.isPresent()) {
            return state(created.get(), d.serviceRole(), d.logGroup(), d.accountId());
        }
        // a lost answer: the first attempt made it (ours, by its tag), so bring it in line
        Project existing = find(codebuild, spec.name()).filter(p -> isOwned(p, ctx.project())).orElseThrow(() ->
                new IllegalStateException("codebuild project " + spec.name() + " appeared meanwhile without our tag"));
        ProjectState state = state(existing, d.serviceRole(), d.logGroup(), d.accountId());
        List<FieldChange> changes = diff(spec, state);
        return changes.isEmpty() ? state : update(spec, state, changes, ctx);
    }

    /** UpdateProject takes the whole desired configuration, so every changed field goes in one call. */
    @Override
    public ProjectState update(ProjectSpec spec, ProjectState actual, List<FieldChange> changes, RegionContext ctx) {
        CodeBuildClient codebuild = clients.apply(ctx);
        Desired d = desired(spec, ctx);
        Project updated = untilRoleAssumable(spec, d, ctx, () -> AwsCall.call(() -> codebuild.updateProject(r -> r
                .name(actual.name()).source(d.source()).artifacts(d.artifacts()).environment(d.environment())
                .serviceRole(d.serviceRole()).logsConfig(d.logs()))).project()).orElseThrow();
        return state(updated, d.serviceRole(), d.logGroup(), d.accountId());
    }

    @Override
    public void delete(ProjectState actual, RegionContext ctx) {
        // observe only hands over owned projects; DeleteProject of a missing one succeeds
        AwsCall.ignoringNotFound(() -> clients.apply(ctx).deleteProject(r -> r.name(actual.name())));
    }

    @Override
    public String id(ProjectState actual) {
        return actual.name();
    }

    /**
     * IAM is eventually consistent: CodeBuild answers "InvalidInputException: CodeBuild is not authorized
     * to perform: sts:AssumeRole" for a role created seconds ago. That one message is waited out.
     */
    private <T> Optional<T> untilRoleAssumable(ProjectSpec spec, Desired d, RegionContext ctx, java.util.function.Supplier<T> call) {
        return WaitFor.retrying("codebuild project " + spec.name() + " (waiting for role " + d.serviceRole()
                + " to become assumable)", () -> Optional.ofNullable(call.get()))
                .notYetWhen(f -> roleNotAssumableYet(f.getMessage())).within(roleWaiter).run(ctx.progress());
    }

    static boolean roleNotAssumableYet(String message) {
        return message != null && message.contains("not authorized to perform: sts:AssumeRole");
    }

    /** The request parts both CreateProject and UpdateProject take, with the parents' ids read now. */
    private record Desired(ProjectSource source, ProjectArtifacts artifacts, ProjectEnvironment environment,
                           LogsConfig logs, String serviceRole, String logGroup, String accountId) {}

    private static Desired desired(ProjectSpec spec, RegionContext ctx) {
        String role = ctx.requireId(spec.serviceRole());
        String logGroup = ctx.requireId(spec.logGroup());
        String account = AccountId.of(ctx);
        String location = PipelineSourceLocation.of(ctx);
        ProjectSource source = ProjectSource.builder().type(SourceType.CODEPIPELINE).buildspec(spec.buildspec())
                .location(location).build();
        ProjectArtifacts artifacts = ProjectArtifacts.builder().type(ArtifactsType.CODEPIPELINE).location(location).build();
        ProjectEnvironment environment = ProjectEnvironment.builder().type(EnvironmentType.LINUX_CONTAINER)
                .image(spec.image()).computeType(spec.computeType()).privilegedMode(spec.privilegedMode())
                .environmentVariables(variables(spec, account).entrySet().stream().map(e -> EnvironmentVariable.builder()
                        .name(e.getKey()).value(e.getValue()).type(EnvironmentVariableType.PLAINTEXT).build()).toList())
                .build();
        LogsConfig logs = LogsConfig.builder()
                .cloudWatchLogs(c -> c.status(LogsConfigStatusType.ENABLED).groupName(logGroup))
                .s3Logs(s -> s.status(LogsConfigStatusType.DISABLED)).build();
        return new Desired(source, artifacts, environment, logs, role, logGroup, account);
    }

    /** The spec's variables plus AWS_ACCOUNT_ID (null while unknown), sorted so rendering is stable. */
    static Map<String, String> variables(ProjectSpec spec, String accountId) {
        Map<String, String> all = new TreeMap<>(spec.environmentVariables());
        all.put(ACCOUNT_VARIABLE, String.valueOf(accountId));
        return all;
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private Optional<Project> named(RegionContext ctx, String name) {
        return ctx.memo("codebuild/project/" + name, () -> find(clients.apply(ctx), name));
    }

    private static Optional<Project> find(CodeBuildClient codebuild, String name) {
        return AwsCall.call(() -> codebuild.batchGetProjects(r -> r.names(name))).projects().stream()
                .filter(p -> name.equals(p.name())).findFirst();
    }

    private static boolean isOwned(Project p, String project) {
        Map<String, String> tags = p.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        return Tags.isOwned(tags, project);
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static ProjectState state(Project p, String wantedRole, String wantedLogGroup, String accountId) {
        ProjectEnvironment env = p.environment();
        Map<String, String> variables = env.environmentVariables().stream()
                .collect(Collectors.toMap(EnvironmentVariable::name, v -> String.valueOf(v.value()), (a, b) -> b));
        String logGroup = Optional.ofNullable(p.logsConfig()).map(LogsConfig::cloudWatchLogs)
                .filter(c -> c.status() == LogsConfigStatusType.ENABLED).map(c -> c.groupName()).orElse(null);
        return new ProjectState(p.name(), p.arn(), p.source().typeAsString(), p.artifacts().typeAsString(),
                p.source().buildspec(), env.image(), env.computeTypeAsString(), Boolean.TRUE.equals(env.privilegedMode()),
                variables, p.serviceRole(), logGroup, wantedRole, wantedLogGroup, accountId);
    }
}
