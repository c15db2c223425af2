package io.devopscli.resources.ecr;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Engine;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

@EmulatorTest
class RepositoryReconcilerEmulatorTest {
    private static final String NAME = "natproj-app";
    private static final ResourceKey KEY = key("ecr/repository", "app");

    private EngineHarness harness;
    private AwsClients outOfBand;
    private EcrClient ecr;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new RepositoryReconciler(), RepositorySpec.secure(NAME, 30)));
        outOfBand = Emulator.clients(EngineHarness.REGION);
        ecr = outOfBand.ecr();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        outOfBand.close();
    }

    @Test
    void basicCreatesASecureRepositoryWithTheLifecyclePolicy() {
        harness.up();

        Repository repo = describe().orElseThrow();
        assertEquals(true, repo.imageScanningConfiguration().scanOnPush());
        assertEquals("IMMUTABLE", repo.imageTagMutabilityAsString());
        assertEquals("AES256", repo.encryptionConfiguration().encryptionTypeAsString());
        assertEquals(LifecyclePolicies.keepLast(30), LifecyclePolicies.parse(
                ecr.getLifecyclePolicy(r -> r.repositoryName(NAME)).lifecyclePolicyText()));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME), tags(repo));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateRepairsSettingsChangedByHand() {
        harness.up();
        ecr.putImageTagMutability(r -> r.repositoryName(NAME).imageTagMutability("MUTABLE"));
        ecr.putImageScanningConfiguration(r -> r.repositoryName(NAME).imageScanningConfiguration(s -> s.scanOnPush(false)));
        ecr.putLifecyclePolicy(r -> r.repositoryName(NAME).lifecyclePolicyText(LifecyclePolicies.keepLast(5).toString()));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("scanOnPush", "tagMutability", "lifecyclePolicy"),
                change.fields().stream().map(FieldChange::field).toList());
        harness.up();

        Repository repo = describe().orElseThrow();
        assertEquals(List.of(true, "IMMUTABLE"), List.of(repo.imageScanningConfiguration().scanOnPush(),
                repo.imageTagMutabilityAsString()));
        assertEquals(LifecyclePolicies.keepLast(30), LifecyclePolicies.parse(
                ecr.getLifecyclePolicy(r -> r.repositoryName(NAME)).lifecyclePolicyText()));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateFollowsASpecChange() {
        harness.up();
        harness.desire(g -> g.add(KEY, new RepositoryReconciler(), RepositorySpec.secure(NAME, 10)));

        assertEquals(List.of("lifecyclePolicy"), EngineHarness.byKey(harness.plan()).get(KEY).fields().stream()
                .map(FieldChange::field).toList());
        harness.up();
        assertEquals(10, LifecyclePolicies.parse(ecr.getLifecyclePolicy(r -> r.repositoryName(NAME))
                .lifecyclePolicyText()).at("/rules/0/selection/countNumber").asInt());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ecr.deleteRepository(r -> r.repositoryName(NAME).force(true));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertTrue(describe().isPresent());
    }

    @Test
    void downKeepsTheRepositoryUnlessPurging() {
        harness.up();
        ecr.putImage(r -> r.repositoryName(NAME).imageTag("4f2a9c1").imageManifest(MANIFEST));

        harness.down();
        assertTrue(describe().isPresent(), "it holds images: kept without --purge");

        Plan purge = purgePlan();
        assertEquals(Action.DELETE, purge.allChanges().get(0).action());
        EngineHarness.succeeded(harness.destroy(purge));
        assertTrue(describe().isEmpty(), "purged with its images");
    }

    @Test
    void aSameNamedRepositoryWithoutOurTagsIsNeitherAdoptedNorDeleted() {
        // someone else's, tagged with our project but another Name: still not ours
        ecr.createRepository(r -> r.repositoryName(NAME).tags(Tag.builder().key(Tags.OWNER_KEY).value(PROJECT).build()));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());
        assertEquals(List.of(), EngineHarness.mutations(purgePlan()));
        assertEquals("MUTABLE", describe().orElseThrow().imageTagMutabilityAsString(), "its settings are untouched");
    }

    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,
                       "digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
             "layers":[]}""";

    /** The plan of `down --purge`, which EngineHarness does not make. */
    private Plan purgePlan() {
        RegionGraph graph = new RegionGraph(Emulator.context(EngineHarness.REGION, PROJECT, harness.clients()));
        graph.add(KEY, new RepositoryReconciler(), RepositorySpec.secure(NAME, 30));
        try (Engine engine = new Engine(2)) {
            return engine.planDestroy(List.of(graph), true);
        }
    }

    private Optional<Repository> describe() {
        return ecr.describeRepositories().repositories().stream().filter(r -> r.repositoryName().equals(NAME)).findFirst();
    }

    private Map<String, String> tags(Repository repo) {
        return ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
