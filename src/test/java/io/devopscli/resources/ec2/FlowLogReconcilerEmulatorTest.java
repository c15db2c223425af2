package io.devopscli.resources.ec2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static io.devopscli.resources.ec2.ElasticIpReconcilerEmulatorTest.SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.iam.Policies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;

@EmulatorTest
class FlowLogReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("ec2/vpc", "main");
    private static final ResourceKey GROUP = key("logs/log-group", "flow-logs");
    private static final ResourceKey GROUP_B = key("logs/log-group", "flow-logs-b");
    private static final ResourceKey ROLE = key("iam/role", "flow-logs");
    private static final ResourceKey FLOW = key("ec2/flow-log", "main");
    private static final String GROUP_NAME = "/devops-cli/natproj/flow-logs";
    private static final String GROUP_B_NAME = "/devops-cli/natproj/flow-logs-b";
    private static final String ROLE_NAME = "natproj-us-east-1-flow-logs";

    private EngineHarness harness;
    private Ec2Client ec2;
    private Parents parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, GROUP));
        ec2 = harness.clients().ec2();
        parents = Parents.make(ec2);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void graph(RegionGraph g, ResourceKey deliverTo) {
        g.add(VPC, new PreMadeReconciler(), parents.vpcId());
        g.add(GROUP, new LogGroupReconciler(), new LogGroupSpec(GROUP_NAME, 14));
        g.add(GROUP_B, new LogGroupReconciler(), new LogGroupSpec(GROUP_B_NAME, 14));
        g.add(ROLE, new RoleReconciler(SHORT), new RoleSpec(ROLE_NAME, "vpc-flow-logs.amazonaws.com", "flow-logs",
                Policies.flowLogs("/devops-cli/natproj/*", "us-east-1")));
        g.add(FLOW, new FlowLogReconciler(SHORT), new FlowLogSpec("natproj-main", VPC, deliverTo, ROLE),
                VPC, deliverTo, ROLE);
    }

    @Test
    void basicDeliversAllTrafficOfTheVpcToTheGroupThroughTheRole() {
        harness.up();

        List<FlowLog> all = ec2.describeFlowLogs().flowLogs();
        assertEquals(1, all.size());
        FlowLog flow = all.get(0);
        assertEquals(parents.vpcId(), flow.resourceId());
        assertEquals("ALL", flow.trafficTypeAsString());
        assertEquals("cloud-watch-logs", flow.logDestinationTypeAsString());
        assertEquals(GROUP_NAME, flow.logGroupName());
        assertEquals(harness.clients().iam().getRole(r -> r.roleName(ROLE_NAME)).role().arn(), flow.deliverLogsPermissionArn());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-main"), OwnedTags.asMap(flow.tags()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(FLOW).action());
    }

    @Test
    void idempotentSecondRunCreatesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void anotherLogGroupReplacesTheFlowLogs() {
        harness.up();
        String oldId = ec2.describeFlowLogs().flowLogs().get(0).flowLogId();
        harness.desire(g -> graph(g, GROUP_B));

        Change change = EngineHarness.byKey(harness.plan()).get(FLOW);
        assertEquals(Action.REPLACE, change.action());
        assertEquals(List.of(FieldChange.immutable("logGroup", GROUP_B_NAME, GROUP_NAME)), change.fields());
        harness.up();

        List<FlowLog> all = ec2.describeFlowLogs().flowLogs();
        assertEquals(1, all.size());
        assertTrue(!all.get(0).flowLogId().equals(oldId));
        assertEquals(GROUP_B_NAME, all.get(0).logGroupName());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ec2.deleteFlowLogs(r -> r.flowLogIds(ec2.describeFlowLogs().flowLogs().get(0).flowLogId()));

        assertEquals(List.of(new Change(FLOW, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, ec2.describeFlowLogs().flowLogs().size());
    }

    @Test
    void destroyRemovesFlowLogsGroupsAndRole() {
        harness.up();
        harness.down();

        assertEquals(List.of(), ec2.describeFlowLogs().flowLogs());
        assertEquals(List.of(), harness.clients().logs().describeLogGroups().logGroups());
        assertTrue(harness.clients().iam().listRoles().roles().stream().noneMatch(r -> r.roleName().equals(ROLE_NAME)));
    }

    @Test
    void anUnownedFlowLogOfTheSameVpcAndGroupIsNamedInTheFailure() {
        harness.up();
        FlowLog ours = ec2.describeFlowLogs().flowLogs().get(0);
        ec2.deleteTags(r -> r.resources(ours.flowLogId()).tags(t -> t.key(Tags.OWNER_KEY)));

        var report = harness.apply(harness.plan());
        var flow = report.results().stream().filter(r -> r.key().equals(FLOW)).findFirst().orElseThrow();
        assertTrue(flow.message().contains(ours.flowLogId()) && flow.message().contains("not owned by devops-cli"),
                flow.message());
        harness.down();
        assertEquals(List.of(ours.flowLogId()), ec2.describeFlowLogs().flowLogs().stream().map(FlowLog::flowLogId).toList());
    }
}
