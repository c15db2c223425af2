package io.devopscli.resources.ec2;

import static io.devopscli.resources.ec2.NetworkRun.PROJECT;
import static io.devopscli.resources.ec2.NetworkRun.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

@EmulatorTest
class InternetGatewayReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final ResourceKey IGW = key("internet-gateway", "main");

    private final NetworkRun run = new NetworkRun(InternetGatewayReconcilerEmulatorTest::graph);

    static void graph(RegionGraph g) {
        g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.0.0.0/16"));
        g.add(IGW, new InternetGatewayReconciler(), new InternetGatewaySpec("demo-igw", VPC), VPC);
    }

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void basicCreatesAGatewayAttachedToTheVpc() {
        run.apply();

        List<InternetGateway> owned = owned();
        assertEquals(1, owned.size());
        assertEquals(List.of(vpcId()), attachedTo(owned.get(0)));
        assertEquals("demo-igw", OwnedTags.value(owned.get(0).tags(), Tags.NAME_KEY).orElseThrow());
    }

    @Test
    void secondPlanIsEmpty() {
        run.apply();
        run.assertAllNoop();
    }

    @Test
    void detachedByHandIsAttachedAgain() {
        run.apply();
        String id = owned().get(0).internetGatewayId();
        run.ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId()));

        Change change = run.onlyChange(IGW, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("attachedVpc", "main", "none")), change.fields());
        run.apply();

        assertEquals(List.of(vpcId()), attachedTo(owned().get(0)));
        run.assertAllNoop();
    }

    @Test
    void attachedElsewhereByHandComesBack() {
        run.apply();
        String id = owned().get(0).internetGatewayId();
        String other = run.ec2().createVpc(r -> r.cidrBlock("172.16.0.0/16")).vpc().vpcId();
        run.ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId()));
        run.ec2().attachInternetGateway(r -> r.internetGatewayId(id).vpcId(other));

        Change change = run.onlyChange(IGW, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("attachedVpc", "main", other)), change.fields());
        run.apply();

        assertEquals(List.of(vpcId()), attachedTo(owned().get(0)));
    }

    @Test
    void deletedByHandIsPlannedAsOneCreate() {
        run.apply();
        String id = owned().get(0).internetGatewayId();
        run.ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId()));
        run.ec2().deleteInternetGateway(r -> r.internetGatewayId(id));

        run.onlyChange(IGW, Action.CREATE);
        run.apply();
        assertEquals(List.of(vpcId()), attachedTo(owned().get(0)));
    }

    @Test
    void destroyDetachesAndDeletes() {
        run.apply();
        run.destroy();
        assertTrue(owned().isEmpty());
        assertTrue(run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().isEmpty());
    }

    private List<InternetGateway> owned() {
        return run.ec2().describeInternetGateways(r -> r.filters(owner())).internetGateways();
    }

    private String vpcId() {
        return run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().get(0).vpcId();
    }

    private static List<String> attachedTo(InternetGateway g) {
        return g.attachments().stream().map(InternetGatewayAttachment::vpcId).toList();
    }

    private static Filter owner() {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(PROJECT).build();
    }
}
