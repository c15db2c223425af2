package io.devopscli.resources.ecs;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.ecs.ContainerFixture.CLUSTER;
import static io.devopscli.resources.ecs.ContainerFixture.CLUSTER_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

@EmulatorTest
class ClusterReconcilerEmulatorTest {
    private EngineHarness harness;
    private AwsClients outOfBand;
    private EcsClient ecs;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(CLUSTER, new ClusterReconciler(), ClusterSpec.withInsights(CLUSTER_NAME)));
        outOfBand = Emulator.clients(EngineHarness.REGION);
        ecs = outOfBand.ecs();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        outOfBand.close();
    }

    @Test
    void basicCreatesAnActiveClusterWithContainerInsights() {
        harness.up();

        Cluster c = describe().orElseThrow();
        assertEquals("ACTIVE", c.status());
        assertEquals("enabled", insights(c));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, CLUSTER_NAME), EcsTags.asMap(c.tags()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(CLUSTER).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateTurnsContainerInsightsBackOn() {
        harness.up();
        ecs.updateCluster(r -> r.cluster(CLUSTER_NAME).settings(ClusterSetting.builder()
                .name(ClusterSettingName.CONTAINER_INSIGHTS).value("disabled").build()));

        Change change = EngineHarness.byKey(harness.plan()).get(CLUSTER);
        assertEquals(new Change(CLUSTER, Action.UPDATE, List.of(FieldChange.of("containerInsights", "enabled", "disabled"))),
                change);
        harness.up();
        assertEquals("enabled", insights(describe().orElseThrow()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ecs.deleteCluster(r -> r.cluster(CLUSTER_NAME));

        assertEquals(List.of(new Change(CLUSTER, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals("ACTIVE", describe().orElseThrow().status());
    }

    @Test
    void destroyLeavesNoActiveCluster() {
        harness.up();
        harness.down();
        assertTrue(describe().map(c -> c.status().equals("INACTIVE")).orElse(true));
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
    }

    @Test
    void aSameNamedClusterWithoutOurTagsIsNeitherAdoptedNorDeleted() {
        ecs.createCluster(r -> r.clusterName(CLUSTER_NAME));

        NodeResult result = harness.apply(harness.plan()).results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("not owned by devops-cli"), result.message());
        harness.down();
        assertEquals("ACTIVE", describe().orElseThrow().status());
        assertEquals("disabled", insights(describe().orElseThrow()));
    }

    private Optional<Cluster> describe() {
        return ecs.describeClusters(r -> r.clusters(CLUSTER_NAME).include(ClusterField.TAGS, ClusterField.SETTINGS))
                .clusters().stream().findFirst();
    }

    private static String insights(Cluster c) {
        return c.settings().stream().filter(s -> s.name() == ClusterSettingName.CONTAINER_INSIGHTS)
                .map(ClusterSetting::value).findFirst().orElse("disabled");
    }
}
