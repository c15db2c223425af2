package io.devopscli.resources.ec2;

import static io.devopscli.engine.FieldChange.immutable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diff tables of the EC2 reconcilers: every field is immutable, and an unknown wanted id means "to be created". */
class Ec2DiffTest {
    private static final ResourceKey K = new ResourceKey("us-east-1", "t", "k");
    private static final String NEW = NatGatewayReconciler.TO_BE_CREATED;

    @Test
    void elasticIpOnlyEverReplacesForItsDomain() {
        ElasticIpReconciler r = new ElasticIpReconciler();
        ElasticIpSpec spec = new ElasticIpSpec("n");
        assertEquals(List.of(), r.diff(spec, new ElasticIpState("eipalloc-1", "1.2.3.4", "vpc", null)));
        assertEquals(List.of(), r.diff(spec, new ElasticIpState("eipalloc-1", "1.2.3.4", "vpc", "eipassoc-1")));
        assertEquals(List.of(immutable("domain", "vpc", "standard")),
                r.diff(spec, new ElasticIpState("eipalloc-1", "1.2.3.4", "standard", null)));
    }

    @Test
    void natGatewayTable() {
        NatGatewayReconciler r = new NatGatewayReconciler();
        NatGatewaySpec spec = new NatGatewaySpec("n", K, K);
        record Row(String wantedSubnet, String wantedAlloc, List<FieldChange> expected) {}
        List<Row> rows = List.of(
                new Row("subnet-1", "eipalloc-1", List.of()),
                new Row("subnet-2", "eipalloc-1", List.of(immutable("subnet", "subnet-2", "subnet-1"))),
                new Row("subnet-1", "eipalloc-2", List.of(immutable("allocation", "eipalloc-2", "eipalloc-1"))),
                new Row(null, "eipalloc-1", List.of(immutable("subnet", NEW, "subnet-1"))),
                new Row(null, null, List.of(immutable("subnet", NEW, "subnet-1"), immutable("allocation", NEW, "eipalloc-1"))));
        for (Row row : rows) {
            var actual = new NatGatewayState("nat-1", "available", "subnet-1", "eipalloc-1", row.wantedSubnet(), row.wantedAlloc());
            assertEquals(row.expected(), r.diff(spec, actual), row.toString());
        }
    }

    @Test
    void flowLogTable() {
        FlowLogReconciler r = new FlowLogReconciler();
        FlowLogSpec spec = new FlowLogSpec("f", K, K, K);
        record Row(FlowLogState actual, List<FieldChange> expected) {}
        List<Row> rows = List.of(
                new Row(flow("vpc-1", "/g", "arn:r", "ALL"), List.of()),
                new Row(flow("vpc-1", "/g", "arn:r", "REJECT"), List.of(immutable("trafficType", "ALL", "REJECT"))),
                new Row(new FlowLogState("fl-1", "vpc-1", "/old", "arn:r", "ALL", "vpc-1", "/g", "arn:r"),
                        List.of(immutable("logGroup", "/g", "/old"))),
                new Row(new FlowLogState("fl-1", "vpc-1", "/g", "arn:old", "ALL", "vpc-1", "/g", "arn:r"),
                        List.of(immutable("role", "arn:r", "arn:old"))),
                new Row(new FlowLogState("fl-1", "vpc-1", "/g", "arn:r", "ALL", null, "/g", "arn:r"),
                        List.of(immutable("vpc", NEW, "vpc-1"))));
        for (Row row : rows) {
            assertEquals(row.expected(), r.diff(spec, row.actual()), row.toString());
        }
    }

    @Test
    void onlyTheRoleConsistencyMessageIsRetriedOnCreateFlowLogs() {
        assertEquals(true, FlowLogReconciler.roleNotAssumableYet(
                "InvalidParameter: Unable to assume given IAM role: 'arn:aws:iam::1:role/x'"));
        assertEquals(false, FlowLogReconciler.roleNotAssumableYet("InvalidParameter: LogGroupName is invalid"));
        assertEquals(false, FlowLogReconciler.roleNotAssumableYet(null));
    }

    private static FlowLogState flow(String vpc, String group, String role, String traffic) {
        return new FlowLogState("fl-1", vpc, group, role, traffic, vpc, group, role);
    }
}
