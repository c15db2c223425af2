package io.devopscli.resources.ec2;

/**
 * Owned VPC flow logs as observed: what they deliver (vpcId, logGroupName, roleArn, trafficType) and,
 * resolved by observe from the parents' published ids, what they should deliver (the wanted ones; null
 * for a parent that does not exist yet). Keeping both here lets diff stay pure.
 */
public record FlowLogState(String flowLogId, String vpcId, String logGroupName, String roleArn, String trafficType,
                           String wantedVpcId, String wantedLogGroupName, String wantedRoleArn) {}
