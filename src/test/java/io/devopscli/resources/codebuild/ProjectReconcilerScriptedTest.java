package io.devopscli.resources.codebuild;

import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.testing.EmulatorTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UpdateProject and the role-propagation retry, which moto 5.2.5 cannot show (it has no UpdateProject
 * and never refuses a fresh role), against a scripted client that behaves as AWS documents. The engine,
 * graph and STS (for the account id) are the real ones; the parents are published as pre-made ids.
 */
@EmulatorTest
class ProjectReconcilerScriptedTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/natproj-codebuild-us-east-1";
    private static final ResourceKey ROLE_KEY = key("iam/role", "codebuild");
    private static final ResourceKey LOGS_KEY = key("logs/log-group", "codebuild");
    private static final ResourceKey KEY = key("codebuild/project", "build");

    private final ScriptedCodeBuild aws = new ScriptedCodeBuild();
    private EngineHarness harness;

    private Consumer<RegionGraph> graph(ProjectSpec spec) {
        return g -> {
            g.add(ROLE_KEY, new PreMadeReconciler(), ROLE_ARN);
            g.add(LOGS_KEY, new PreMadeReconciler(), "/natproj/codebuild");
            g.add(KEY, new ProjectReconciler(ctx -> aws, new Waiter(Duration.ofSeconds(5), Duration.ofMillis(10),
                    Duration.ofMillis(50))), spec, ROLE_KEY, LOGS_KEY);
        };
    }

    private static ProjectSpec spec(String image, Map<String, String> vars) {
        return new ProjectSpec("natproj-build", "sample-app/buildspec.yml", image, "BUILD_GENERAL1_SMALL", true, vars,
                ROLE_KEY, LOGS_KEY);
    }

    private static final Map<String, String> VARS = Map.of("IMAGE_REPO_NAME", "natproj-app", "CONTAINER_NAME", "app");

    @BeforeEach
    void setUp() {
        io.devopscli.testing.Emulator.reset();
        harness = new EngineHarness(graph(spec("aws/codebuild/standard:7.0", VARS)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void aRoleNotYetAssumableIsWaitedOut() {
        aws.refuseRoleTimes = 2;
        harness.up();
        assertTrue(aws.projects.containsKey("natproj-build"));
        // against AWS no location is sent for CODEPIPELINE; against an emulator the placeholder is
        assertEquals(PipelineSourceLocation.PLACEHOLDER, aws.projects.get("natproj-build").source().location());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateRestoresFieldsChangedOutOfBand() {
        harness.up();
        var p = aws.projects.get("natproj-build");
        aws.projects.put(p.name(), p.toBuilder().environment(p.environment().toBuilder().image("evil:latest")
                .privilegedMode(false).build()).serviceRole("arn:aws:iam::123456789012:role/admin").build());

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("image", "privilegedMode", "serviceRole"), change.fields().stream().map(FieldChange::field).toList());
        harness.up();
        assertEquals(1, aws.updates, "one UpdateProject for all fields");
        assertEquals("aws/codebuild/standard:7.0", aws.projects.get("natproj-build").environment().image());
        assertEquals(ROLE_ARN, aws.projects.get("natproj-build").serviceRole());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateFollowsTheSpecsVariablesAndImage() {
        harness.up();
        harness.desire(graph(spec("aws/codebuild/standard:8.0", Map.of("IMAGE_REPO_NAME", "natproj-web", "CONTAINER_NAME", "app"))));

        assertEquals(List.of("image", "environmentVariables"),
                EngineHarness.byKey(harness.plan()).get(KEY).fields().stream().map(FieldChange::field).toList());
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
        assertTrue(aws.projects.get("natproj-build").environment().environmentVariables().stream()
                .anyMatch(v -> v.name().equals("IMAGE_REPO_NAME") && v.value().equals("natproj-web")));
    }
}
