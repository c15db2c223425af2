package io.devopscli.resources.ec2;

import software.amazon.awssdk.services.ec2.Ec2Client;

/** A VPC and a public subnet made with a plain SDK client, standing in for the network-core reconcilers. */
record Parents(String vpcId, String subnetId) {

    static Parents make(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.0.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        return new Parents(vpc, subnet);
    }
}
