package io.devopscli.resources.ec2;

import java.util.List;

/** An internet gateway and the VPCs it is attached to (at most one in AWS; empty when detached). */
public record InternetGatewayState(String id, List<String> attachedVpcIds) {
    public InternetGatewayState {
        attachedVpcIds = List.copyOf(attachedVpcIds);
    }
}
