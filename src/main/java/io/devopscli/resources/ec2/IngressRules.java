package io.devopscli.resources.ec2;

import io.devopscli.engine.Refs;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.resources.ec2.SecurityGroupState.Rule;
import io.devopscli.resources.ec2.SecurityGroupState.SourceType;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Ingress rules in the one form diff compares, "tcp 80 from 0.0.0.0/0" or "tcp 8080 from sg:web", and
 * back to the IpPermission the EC2 API takes.
 */
final class IngressRules {
    private IngressRules() {
    }

    static String render(IngressRule desired) {
        String source = desired.cidr().orElseGet(() -> "sg:" + desired.sourceGroup().orElseThrow().name());
        return "tcp " + ports(desired.fromPort(), desired.toPort()) + " from " + source;
    }

    static String render(Rule actual, Refs parents) {
        String protocol = "-1".equals(actual.protocol()) ? "all" : actual.protocol();
        String ports = "-1".equals(actual.protocol()) ? "" : " " + ports(actual.fromPort(), actual.toPort());
        String source = actual.sourceType() == SourceType.GROUP ? "sg:" + parents.render(actual.source()) : actual.source();
        return protocol + ports + " from " + source;
    }

    private static String ports(Integer from, Integer to) {
        return from == null ? "all" : from.equals(to) ? String.valueOf(from) : from + "-" + to;
    }

    /** One rule per source, however AWS grouped them. */
    static List<Rule> flatten(List<IpPermission> permissions) {
        List<Rule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            String protocol = p.ipProtocol();
            p.ipRanges().forEach(r -> rules.add(new Rule(protocol, p.fromPort(), p.toPort(), SourceType.CIDR, r.cidrIp())));
            p.ipv6Ranges().forEach(r -> rules.add(
                    new Rule(protocol, p.fromPort(), p.toPort(), SourceType.IPV6_CIDR, r.cidrIpv6())));
            p.userIdGroupPairs().forEach(g -> rules.add(
                    new Rule(protocol, p.fromPort(), p.toPort(), SourceType.GROUP, g.groupId())));
            p.prefixListIds().forEach(l -> rules.add(
                    new Rule(protocol, p.fromPort(), p.toPort(), SourceType.PREFIX_LIST, l.prefixListId())));
        }
        return rules;
    }

    static IpPermission permission(Rule rule) {
        IpPermission.Builder b = IpPermission.builder().ipProtocol(rule.protocol());
        if (!"-1".equals(rule.protocol())) {
            b.fromPort(rule.fromPort()).toPort(rule.toPort());
        }
        switch (rule.sourceType()) {
            case CIDR -> b.ipRanges(IpRange.builder().cidrIp(rule.source()).build());
            case IPV6_CIDR -> b.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.source()).build());
            case GROUP -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.source()).build());
            case PREFIX_LIST -> b.prefixListIds(PrefixListId.builder().prefixListId(rule.source()).build());
        }
        return b.build();
    }

    static IpPermission permission(IngressRule rule, String sourceGroupId) {
        IpPermission.Builder b = IpPermission.builder().ipProtocol("tcp").fromPort(rule.fromPort()).toPort(rule.toPort());
        if (rule.cidr().isPresent()) {
            b.ipRanges(IpRange.builder().cidrIp(rule.cidr().get()).description(rule.description()).build());
        } else {
            b.userIdGroupPairs(UserIdGroupPair.builder().groupId(sourceGroupId).description(rule.description()).build());
        }
        return b.build();
    }
}
