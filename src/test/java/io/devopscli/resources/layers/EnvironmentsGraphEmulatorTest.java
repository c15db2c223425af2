package io.devopscli.resources.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Node;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.elbv2.ListenerRuleSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The region graph follows the topology's environments: one host rule per environment before the last,
 * priorities in order and each rule after the next one's (so an environment put in front moves the
 * others up before it takes the lowest), each service after what serves its target group, and the
 * pipeline after every service. Built by Architecture as `up` builds it (the emulator answers the zone
 * and account reads); nothing is applied.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class EnvironmentsGraphEmulatorTest {
    private static final String REGION = "us-east-1";

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void threeEnvironmentsGiveTwoRulesInOrderAndTheLastOnTheListener() {
        RegionGraph g = graph(TopologyLoader.load(Path.of("config/examples/three-environments.yaml")));

        assertEquals(Map.of("dev", "10 dev.shop.example.com", "staging", "20 staging.shop.example.com"), rules(g));
        assertTrue(g.node(key("elbv2/listener-rule", "dev")).dependsOn().contains(key("elbv2/listener-rule", "staging")),
                "dev's rule waits for staging's to move up");
        assertTrue(g.node(key("ecs/service", "dev")).dependsOn().contains(key("elbv2/listener-rule", "dev")));
        assertTrue(g.node(key("ecs/service", "production")).dependsOn().contains(key("elbv2/listener", "https")),
                "production is served by the listener's default action");
        assertTrue(g.node(key("codepipeline/pipeline", "main")).dependsOn().containsAll(List.of(
                key("ecs/service", "dev"), key("ecs/service", "staging"), key("ecs/service", "production"))));
        for (String env : List.of("dev", "staging", "production")) {
            for (String type : List.of("elbv2/target-group", "ecs/task-definition", "autoscaling/scalable-target")) {
                assertTrue(g.node(key(type, env)) != null, type + " " + env);
            }
            assertTrue(g.node(key("cloudwatch/alarm", env + "-latency")) != null, env + " alarms");
        }
    }

    @Test
    void theReferenceTopologyKeepsItsOneStagingRule() {
        RegionGraph g = graph(TopologyLoader.load(Path.of("config/topology.yaml")));

        assertEquals(Map.of("staging", "10 staging.app.example.com"), rules(g));
    }

    private static RegionGraph graph(Topology topology) {
        AwsClients clients = Emulator.clients(REGION);
        return Architecture.graph(topology, topology.region(REGION).orElseThrow(), clients, Progress.SILENT);
    }

    /** Each listener rule's priority and host, by environment. */
    private static Map<String, String> rules(RegionGraph g) {
        Map<String, String> rules = new TreeMap<>();
        for (Node<?, ?> n : g.nodes()) {
            if (n.key().type().equals("elbv2/listener-rule") && n.spec() instanceof ListenerRuleSpec rule) {
                rules.put(n.key().name(), rule.priority() + " " + rule.host());
            }
        }
        return rules;
    }

    private static ResourceKey key(String type, String name) {
        return new ResourceKey(REGION, type, name);
    }
}
