package io.devopscli.resources.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Node;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.cloudwatch.AlarmSpec;
import io.devopscli.resources.cloudwatch.DashboardSpec;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.logs.MetricFilterSpec;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The monitoring nodes of a region, their specs and dependencies, without AWS. */
class MonitoringLayerTest {
    static final String TOPOLOGY = """
            project: acme-shop
            regions:
              - {name: eu-west-1, role: primary, cidr: 10.20.0.0/16}
              - {name: eu-central-1, role: secondary, cidr: 10.30.0.0/16}
            network: {azs: 2, natGateways: single, flowLogs: true}
            app:
              name: shop
              port: 9090
              healthCheckPath: /ready
              cpu: 256
              memory: 512
              environments:
                staging:    {desired: 1, min: 1, max: 2}
                production: {desired: 2, min: 2, max: 4}
              autoscaling: {cpuTarget: 50, memoryTarget: 60}
            pipeline: {repository: acme-shop-repo, branch: trunk, approval: {email: release@acme.test}}
            alarms: {email: oncall@acme.test}
            failover: {hostedZone: acme.test, domain: shop.acme.test}
            """;
    private final Topology topology = TopologyLoader.parse(TOPOLOGY, "test");

    /** The delivery keys monitoring refers to, as pre-made nodes so dependencies resolve. */
    private RegionGraph graph(RegionSpec region) {
        RegionGraph g = new RegionGraph(new RegionContext(region.name(), "acme-shop", null, Progress.SILENT));
        PreMadeReconciler premade = new PreMadeReconciler();
        ResourceKey lb = g.add(key(region, "elbv2/load-balancer", "alb"), premade, "lb");
        ResourceKey topic = g.add(key(region, "sns/topic", "alarms"), premade, "topic");
        Map<String, ResourceKey> tgs = new LinkedHashMap<>();
        Map<String, ResourceKey> services = new LinkedHashMap<>();
        Map<String, ResourceKey> logs = new LinkedHashMap<>();
        for (String env : topology.app().environmentNames()) {
            tgs.put(env, g.add(key(region, "elbv2/target-group", env), premade, "tg-" + env));
            services.put(env, g.add(key(region, "ecs/service", env), premade, "svc-" + env));
            logs.put(env, g.add(key(region, "logs/log-group", "app-" + env), premade, "log-" + env));
        }
        new MonitoringLayer(topology, region, new DeliveryLayer.Outputs(lb, tgs, services, logs, topic)).addTo(g);
        return g;
    }

    private static ResourceKey key(RegionSpec region, String type, String name) {
        return new ResourceKey(region.name(), type, name);
    }

    private static Map<String, Node<?, ?>> byType(RegionGraph g, String type) {
        return g.nodes().stream().filter(n -> n.key().type().equals(type))
                .collect(Collectors.toMap(n -> n.key().name(), n -> n, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void everyRegionWatchesItsReplicationLambda() {
        for (RegionSpec region : topology.regions()) {
            RegionGraph g = graph(region);
            AlarmSpec replication = (AlarmSpec) byType(g, "cloudwatch/alarm").get("replication-errors").spec();
            assertEquals("acme-shop-replication", replication.dimensions().get(0).value(), region.name());
            assertTrue(((DashboardSpec) byType(g, "cloudwatch/dashboard").get("main").spec()).replicationFunction()
                    .isPresent(), region.name());
        }
    }

    @Test
    void thePrimaryWatchesTheReplicationLambda() {
        RegionGraph g = graph(topology.primary());

        // the Lambda's log group belongs to ReplicationLayer, beside the function that writes to it
        assertTrue(!byType(g, "logs/log-group").containsKey("replication"));
        AlarmSpec replication = (AlarmSpec) byType(g, "cloudwatch/alarm").get("replication-errors").spec();
        assertEquals(List.of("AWS/Lambda", "Errors", "acme-shop-replication"), List.of(replication.namespace(),
                replication.metricName(), replication.dimensions().get(0).value()));
        assertTrue(((DashboardSpec) byType(g, "cloudwatch/dashboard").get("main").spec()).replicationFunction().isPresent());
    }

    @Test
    void aSecondaryHasItsOwnDashboardAndOnlyTheAppLogGroups() {
        RegionGraph g = graph(topology.region("eu-central-1").orElseThrow());

        // the replication function's log group belongs to ReplicationLayer, as in the primary
        assertEquals(Set.of("app-staging", "app-production"), byType(g, "logs/log-group").keySet());
        DashboardSpec dashboard = (DashboardSpec) byType(g, "cloudwatch/dashboard").get("main").spec();
        assertEquals("acme-shop-eu-central-1", dashboard.name());
    }

    @Test
    void everyEnvironmentHasItsAlarmsAndEveryAlarmNotifiesTheAlarmsTopic() {
        Map<String, Node<?, ?>> alarms = byType(graph(topology.primary()), "cloudwatch/alarm");

        assertEquals(List.of("staging-cpu", "staging-memory", "staging-target-5xx", "staging-unhealthy-hosts",
                "staging-latency", "staging-app-errors", "production-cpu", "production-memory", "production-target-5xx",
                "production-unhealthy-hosts", "production-latency", "production-app-errors", "alb-5xx",
                "replication-errors"), List.copyOf(alarms.keySet()));
        for (Node<?, ?> n : alarms.values()) {
            AlarmSpec spec = (AlarmSpec) n.spec();
            assertEquals("alarms", spec.topic().name());
            assertTrue(n.dependsOn().containsAll(spec.parents()), n.key() + " depends on its topic and ELB parents");
            assertTrue(spec.name().startsWith("acme-shop-"), "the batched describe lists the project prefix");
        }
        AlarmSpec cpu = (AlarmSpec) alarms.get("production-cpu").spec();
        assertEquals(Map.of("ClusterName", "acme-shop-cluster", "ServiceName", "shop-production"),
                cpu.dimensions().stream().collect(Collectors.toMap(d -> d.name(), d -> d.value())));
        assertTrue(alarms.get("production-app-errors").dependsOn()
                .contains(new ResourceKey("eu-west-1", "logs/metric-filter", "app-production-server-errors")));
    }

    @Test
    void eachAppLogGroupHasAServerErrorFilterSkippingTheHealthCheck() {
        Map<String, Node<?, ?>> filters = byType(graph(topology.primary()), "logs/metric-filter");

        MetricFilterSpec production = (MetricFilterSpec) filters.get("app-production-server-errors").spec();
        assertEquals("/acme-shop/shop/production", production.logGroupName());
        assertEquals("{ ($.status >= 500) && ($.path != \"/ready\") }", production.pattern());
        assertEquals(List.of("acme-shop/App", "production-server-errors"),
                List.of(production.metricNamespace(), production.metricName()));
        assertEquals(2, filters.size());
    }
}
