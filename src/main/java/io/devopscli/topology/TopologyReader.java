package io.devopscli.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Maps the document's root and its network section to records; the other sections have their own readers. */
final class TopologyReader {
    static final List<String> KEYS = List.of("project", "regions", "network", "app", "pipeline", "alarms", "failover");
    private static final List<String> NETWORK_KEYS = List.of("azs", "natGateways", "flowLogs", "flowLogRetentionDays");

    static final int DEFAULT_AZS = 2;
    static final int MAX_AZS = 6;
    static final int DEFAULT_FLOW_LOG_RETENTION_DAYS = 30;

    private final Problems problems;

    TopologyReader(Problems problems) {
        this.problems = problems;
    }

    /** The topology, or null when the root is not a mapping (reported). Check problems before use. */
    Topology read(Node root) {
        Optional<MappingReader> opened = MappingReader.open(root, "", KEYS, problems);
        if (opened.isEmpty()) {
            return null;
        }
        MappingReader top = opened.get();
        Value<String> project = problems.check(top.string("project", null), "project", Names::project);
        NetworkSpec network = network(top);
        List<RegionSpec> regions = new RegionsReader(problems).read(top, network.azs());
        DeliveryReader delivery = new DeliveryReader(problems);
        return new Topology(project.value(), regions, network, new AppReader(problems).read(top),
                delivery.pipeline(top, project.or("project")), delivery.alarms(top), delivery.failover(top));
    }

    private NetworkSpec network(MappingReader top) {
        Optional<MappingReader> section = top.mapping("network", false, NETWORK_KEYS);
        if (section.isEmpty()) {
            return new NetworkSpec(DEFAULT_AZS, NetworkSpec.NatMode.PER_AZ, true, DEFAULT_FLOW_LOG_RETENTION_DAYS);
        }
        MappingReader network = section.get();
        Value<Integer> azs = problems.range(network.integer("azs", DEFAULT_AZS), "network.azs", 1, MAX_AZS);
        Value<NetworkSpec.NatMode> nat = natMode(network.string("natGateways", NetworkSpec.NatMode.PER_AZ.yamlName()));
        Value<Boolean> flowLogs = network.bool("flowLogs", true);
        Value<Integer> retention = problems.check(
                network.integer("flowLogRetentionDays", DEFAULT_FLOW_LOG_RETENTION_DAYS),
                "network.flowLogRetentionDays", days -> LogRetention.isAllowed(days) ? Optional.empty()
                        : Optional.of(days + " is not a retention CloudWatch Logs accepts; nearest: "
                                + LogRetention.nearest(days)));
        // 0 marks an invalid AZ count (reported) so that region checks that depend on it are skipped
        return new NetworkSpec(azs.or(0), nat.or(NetworkSpec.NatMode.PER_AZ), flowLogs.or(true),
                retention.or(DEFAULT_FLOW_LOG_RETENTION_DAYS));
    }

    private Value<NetworkSpec.NatMode> natMode(Value<String> text) {
        List<String> names = Arrays.stream(NetworkSpec.NatMode.values()).map(NetworkSpec.NatMode::yamlName).toList();
        Value<String> checked = problems.check(text, "network.natGateways", name -> names.contains(name)
                ? Optional.empty() : Optional.of("'" + name + "' is not a NAT gateway mode" + Suggestions.hint(name, names)));
        return new Value<>(checked.ok() ? NetworkSpec.NatMode.values()[names.indexOf(checked.value())] : null,
                checked.node());
    }
}
