package io.devopscli.resources.codebuild;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.iam.BuildPolicies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.Project;

/**
 * The project with its real parents (the build role through RoleReconciler, the log group through
 * LogGroupReconciler) against moto 5.2.5, which has no UpdateProject: the update itself is covered by
 * ProjectReconcilerScriptedTest; here an update is planned and fails clearly.
 */
@EmulatorTest
class ProjectReconcilerEmulatorTest {
    static final String NAME = PROJECT + "-build";
    static final String ROLE = PROJECT + "-codebuild-us-east-1";
    static final String LOG_GROUP = "/" + PROJECT + "/codebuild";
    static final ResourceKey ROLE_KEY = key("iam/role", "codebuild");
    static final ResourceKey LOGS_KEY = key("logs/log-group", "codebuild");
    static final ResourceKey KEY = key("codebuild/project", "build");

    private EngineHarness harness;
    private CodeBuildClient codebuild;

    static ProjectSpec spec(String image) {
        return new ProjectSpec(NAME, "sample-app/buildspec.yml", image, "BUILD_GENERAL1_SMALL", true,
                Map.of("IMAGE_REPO_NAME", PROJECT + "-app", "CONTAINER_NAME", "app"), ROLE_KEY, LOGS_KEY);
    }

    static Consumer<RegionGraph> graph(String image) {
        String policy = BuildPolicies.codeBuild("us-east-1", LOG_GROUP, PROJECT + "-artifacts-us-east-1-123456789012",
                PROJECT + "-app");
        return g -> {
            g.add(ROLE_KEY, new RoleReconciler(), new RoleSpec(ROLE, "codebuild.amazonaws.com", "codebuild", policy));
            g.add(LOGS_KEY, new LogGroupReconciler(), new LogGroupSpec(LOG_GROUP, 30));
            g.add(KEY, new ProjectReconciler(), spec(image), ROLE_KEY, LOGS_KEY);
        };
    }

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(graph("aws/codebuild/standard:7.0"));
        codebuild = harness.clients().codebuild();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesTheProjectWithItsRoleLogsAndVariables() {
        harness.up();

        Project p = describe().orElseThrow();
        assertEquals("CODEPIPELINE", p.source().typeAsString());
        assertEquals("sample-app/buildspec.yml", p.source().buildspec());
        assertEquals("CODEPIPELINE", p.artifacts().typeAsString());
        assertEquals("LINUX_CONTAINER", p.environment().typeAsString());
        assertEquals("aws/codebuild/standard:7.0", p.environment().image());
        assertEquals("BUILD_GENERAL1_SMALL", p.environment().computeTypeAsString());
        assertTrue(p.environment().privilegedMode());
        assertEquals(Map.of("AWS_ACCOUNT_ID", "123456789012", "IMAGE_REPO_NAME", PROJECT + "-app", "CONTAINER_NAME", "app"),
                p.environment().environmentVariables().stream()
                        .collect(Collectors.toMap(EnvironmentVariable::name, EnvironmentVariable::value)));
        assertEquals("arn:aws:iam::123456789012:role/" + ROLE, p.serviceRole());
        assertEquals(LOG_GROUP, p.logsConfig().cloudWatchLogs().groupName());
        assertEquals(Tags.owned(PROJECT, NAME), p.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        var plan = harness.plan();
        assertEquals(Action.NOOP, EngineHarness.byKey(plan).get(KEY).action());
        assertEquals(List.of(), EngineHarness.mutations(plan));
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void anImageChangeIsPlannedAndFailsClearlyWhereTheEndpointLacksUpdateProject() {
        harness.up();
        harness.desire(graph("aws/codebuild/standard:8.0"));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(List.of(FieldChange.of("image", "aws/codebuild/standard:8.0", "aws/codebuild/standard:7.0")),
                change.fields());
        NodeResult result = harness.apply(harness.plan()).results().stream().filter(r -> r.key().equals(KEY))
                .findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("does not implement UpdateProject"), result.message());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        codebuild.deleteProject(r -> r.name(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void destroyDeletesTheProjectBeforeItsRoleAndLogGroup() {
        harness.up();
        harness.down();

        assertFalse(describe().isPresent());
        assertFalse(harness.clients().iam().listRoles().roles().stream().anyMatch(r -> r.roleName().equals(ROLE)));
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
    }

    @Test
    void aSameNamedProjectWithoutOurTagIsNeitherAdoptedNorDeleted() {
        harness.desire(g -> {
            g.add(ROLE_KEY, new RoleReconciler(), new RoleSpec(ROLE, "codebuild.amazonaws.com", "codebuild", "{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}"));
        });
        harness.up();
        String roleArn = harness.clients().iam().getRole(r -> r.roleName(ROLE)).role().arn();
        codebuild.createProject(r -> r.name(NAME).serviceRole(roleArn)
                .source(s -> s.type("NO_SOURCE").location("x").buildspec("theirs.yml"))
                .artifacts(a -> a.type("NO_ARTIFACTS")).environment(e -> e.type("LINUX_CONTAINER")
                        .image("theirs").computeType("BUILD_GENERAL1_SMALL")));
        harness.desire(graph("aws/codebuild/standard:7.0"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        NodeResult result = harness.apply(harness.plan()).results().stream().filter(r -> r.key().equals(KEY))
                .findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        harness.down();
        assertEquals("theirs", describe().orElseThrow().environment().image());
    }

    private Optional<Project> describe() {
        return codebuild.batchGetProjects(r -> r.names(NAME)).projects().stream().findFirst();
    }
}
