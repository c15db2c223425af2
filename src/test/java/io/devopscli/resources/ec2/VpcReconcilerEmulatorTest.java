package io.devopscli.resources.ec2;

import static io.devopscli.resources.ec2.NetworkRun.PROJECT;
import static io.devopscli.resources.ec2.NetworkRun.REGION;
import static io.devopscli.resources.ec2.NetworkRun.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

@EmulatorTest
class VpcReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final VpcSpec SPEC = new VpcSpec("demo-us-east-1", "10.0.0.0/16");

    private final NetworkRun run = new NetworkRun(g -> g.add(VPC, new VpcReconciler(), SPEC));

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void basicCreatesATaggedVpcWithDnsOn() {
        run.apply();

        List<Vpc> found = owned();
        assertEquals(1, found.size());
        Vpc vpc = found.get(0);
        assertEquals("10.0.0.0/16", vpc.cidrBlock());
        assertTrue(vpc.tags().contains(Tag.builder().key("Name").value("demo-us-east-1").build()));
        assertTrue(dns(vpc.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT));
        assertTrue(dns(vpc.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES));
        try (AwsClients clients = Emulator.clients(REGION)) {
            Optional<VpcState> observed = new VpcReconciler().observe(SPEC, Emulator.context(REGION, PROJECT, clients));
            assertEquals(Optional.of(new VpcState(vpc.vpcId(), "10.0.0.0/16", "available", true, true)), observed);
        }
    }

    @Test
    void secondPlanIsEmpty() {
        run.apply();
        run.assertAllNoop();
    }

    @Test
    void dnsHostnamesTurnedOffByHandIsPutBack() {
        run.apply();
        String id = owned().get(0).vpcId();
        run.ec2().modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(AttributeBooleanValue.builder().value(false).build()));

        Change change = run.onlyChange(VPC, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("enableDnsHostnames", true, false)), change.fields());
        run.apply();

        assertTrue(dns(id, VpcAttributeName.ENABLE_DNS_HOSTNAMES));
        run.assertAllNoop();
    }

    @Test
    void cidrChangeInTheSpecIsAReplace() {
        run.apply();
        run.respec(g -> g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.9.0.0/16")));

        Change change = run.onlyChange(VPC, Action.REPLACE);
        assertEquals(List.of(FieldChange.immutable("cidr", "10.9.0.0/16", "10.0.0.0/16")), change.fields());
        run.apply();
        assertEquals(List.of("10.9.0.0/16"), owned().stream().map(Vpc::cidrBlock).toList());
    }

    @Test
    void deletedByHandIsPlannedAsOneCreate() {
        run.apply();
        run.ec2().deleteVpc(r -> r.vpcId(owned().get(0).vpcId()));

        run.onlyChange(VPC, Action.CREATE);
        run.apply();
        assertEquals(1, owned().size());
    }

    @Test
    void destroyLeavesNothingOwned() {
        run.apply();
        run.destroy();
        assertTrue(owned().isEmpty());
    }

    @Test
    void anUntaggedVpcMadeByHandIsNeverObservedNorDeleted() {
        // Same Name tag as ours, but no ownership tag: it is not ours.
        String hand = run.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(t -> t
                .resourceType("vpc").tags(Tag.builder().key(Tags.NAME_KEY).value(SPEC.name()).build()))).vpc().vpcId();

        run.onlyChange(VPC, Action.CREATE);
        run.apply();
        String ours = owned().get(0).vpcId();
        assertFalse(ours.equals(hand));
        run.destroy();

        assertTrue(owned().isEmpty());
        assertEquals(1, run.ec2().describeVpcs(r -> r.vpcIds(hand)).vpcs().size());
    }

    private List<Vpc> owned() {
        return run.ec2().describeVpcs(r -> r.filters(Filter.builder().name("tag:" + Tags.OWNER_KEY).values(PROJECT).build()))
                .vpcs();
    }

    private boolean dns(String id, VpcAttributeName name) {
        var answer = run.ec2().describeVpcAttribute(r -> r.vpcId(id).attribute(name));
        return name == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport().value()
                : answer.enableDnsHostnames().value();
    }
}
