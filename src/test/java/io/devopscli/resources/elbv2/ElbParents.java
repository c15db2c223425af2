package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.key;

import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.PreMadeReconciler;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The network a load balancer needs (VPC, public subnets in three zones, two security groups), made with a
 * plain SDK client and published through PreMadeReconciler, standing in for the network reconcilers.
 */
record ElbParents(String vpcId, String subnetA, String subnetB, String subnetC, String albGroup, String otherGroup) {
    static final ResourceKey VPC = key("ec2/vpc", "main");
    static final ResourceKey SUBNET_A = key("ec2/subnet", "public-a");
    static final ResourceKey SUBNET_B = key("ec2/subnet", "public-b");
    static final ResourceKey SUBNET_C = key("ec2/subnet", "public-c");
    static final ResourceKey ALB_GROUP = key("ec2/security-group", "alb");
    static final ResourceKey OTHER_GROUP = key("ec2/security-group", "other");

    static ElbParents make(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        return new ElbParents(vpc, subnet(ec2, vpc, "10.30.0.0/24", "us-east-1a"),
                subnet(ec2, vpc, "10.30.1.0/24", "us-east-1b"), subnet(ec2, vpc, "10.30.2.0/24", "us-east-1c"),
                group(ec2, vpc, "alb"), group(ec2, vpc, "other"));
    }

    /** Adds the six parents to a graph, each under its key. */
    void addTo(RegionGraph g) {
        PreMadeReconciler premade = new PreMadeReconciler();
        g.add(VPC, premade, vpcId);
        g.add(SUBNET_A, premade, subnetA);
        g.add(SUBNET_B, premade, subnetB);
        g.add(SUBNET_C, premade, subnetC);
        g.add(ALB_GROUP, premade, albGroup);
        g.add(OTHER_GROUP, premade, otherGroup);
    }

    private static String subnet(Ec2Client ec2, String vpc, String cidr, String zone) {
        return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
    }

    private static String group(Ec2Client ec2, String vpc, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description(name)).groupId();
    }
}
