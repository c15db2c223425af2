package io.devopscli.e2e;

import io.devopscli.testing.Emulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Counts a project's resources per region, type and Name through separate SDK clients (not the tool's
 * view): more than one under one key is a duplicate. The Java twin of scripts/count-duplicates.py.
 */
final class Copies {
    private Copies() {
    }

    static Map<String, Integer> count(String project, List<String> regions) {
        Map<String, Integer> counts = new TreeMap<>();
        Filter owned = Filter.builder().name("tag:devops-cli:project").values(project).build();
        for (String region : regions) {
            try (var clients = Emulator.clients(region)) {
                Ec2Client ec2 = clients.ec2();
                add(counts, region, "vpc", ec2.describeVpcs(r -> r.filters(owned)).vpcs(), v -> v.tags(), project);
                add(counts, region, "subnet", ec2.describeSubnets(r -> r.filters(owned)).subnets(), v -> v.tags(), project);
                add(counts, region, "route-table", ec2.describeRouteTables(r -> r.filters(owned)).routeTables(), v -> v.tags(), project);
                add(counts, region, "security-group", ec2.describeSecurityGroups(r -> r.filters(owned)).securityGroups(),
                        v -> v.tags(), project);
                add(counts, region, "internet-gateway", ec2.describeInternetGateways(r -> r.filters(owned)).internetGateways(),
                        v -> v.tags(), project);
                add(counts, region, "elastic-ip", ec2.describeAddresses(r -> r.filters(owned)).addresses(), v -> v.tags(), project);
                // moto ignores tag filters on NAT gateways: filtered here
                add(counts, region, "nat-gateway", ec2.describeNatGateways().natGateways().stream()
                        .filter(n -> n.state() == NatGatewayState.AVAILABLE || n.state() == NatGatewayState.PENDING).toList(),
                        v -> v.tags(), project);
                add(counts, region, "flow-log", ec2.describeFlowLogs().flowLogs(), v -> v.tags(), project);
            }
        }
        try (var clients = Emulator.clients(regions.get(0))) {
            Route53Client r53 = clients.route53();
            r53.listHostedZones().hostedZones().stream()
                    .filter(z -> z.callerReference() != null && z.callerReference().startsWith(project + "-zone-"))
                    .forEach(z -> counts.merge("global/hosted-zone/" + z.name(), 1, Integer::sum));
            r53.listHealthChecks().healthChecks().stream()
                    .filter(h -> h.callerReference() != null && h.callerReference().startsWith(project + "-hc-"))
                    .forEach(h -> counts.merge("global/health-check/" + h.healthCheckConfig().fullyQualifiedDomainName(),
                            1, Integer::sum));
        }
        return counts;
    }

    /** The keys with more than one copy, and how many copies. */
    static Map<String, Integer> duplicates(String project, List<String> regions) {
        Map<String, Integer> d = new TreeMap<>();
        count(project, regions).forEach((k, n) -> {
            if (n > 1) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static <T> void add(Map<String, Integer> counts, String region, String kind, List<T> items,
                                Function<T, List<Tag>> tags, String project) {
        for (T item : items) {
            List<Tag> t = tags.apply(item);
            if (t.stream().anyMatch(x -> x.key().equals("devops-cli:project") && x.value().equals(project))) {
                String name = t.stream().filter(x -> x.key().equals("Name")).map(Tag::value).findFirst().orElse("?");
                counts.merge(region + "/" + kind + "/" + name, 1, Integer::sum);
            }
        }
    }
}
