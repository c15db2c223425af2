package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardBodyTest {
    static final String LB = "app/shop-alb/50dc6c495c0c9188";
    static final String TG_STAGING = "targetgroup/shop-staging/1";
    static final String TG_PRODUCTION = "targetgroup/shop-production/2";

    static DashboardBody.Input input(Optional<String> replication) {
        return new DashboardBody.Input("eu-west-1", "shop-cluster", LB, List.of(
                new DashboardBody.Environment("staging", "web-staging", TG_STAGING, "staging-server-errors"),
                new DashboardBody.Environment("production", "web-production", TG_PRODUCTION, "production-server-errors")),
                "shop/App", replication);
    }

    @Test
    void primaryHasEveryWidgetInATwoColumnGridOfThisRegion() throws Exception {
        JsonNode body = new ObjectMapper().readTree(DashboardBody.generate(input(Optional.of("shop-replication"))));
        JsonNode widgets = body.get("widgets");

        assertEquals(List.of("ECS CPU utilization (%)", "ECS memory utilization (%)", "ALB requests", "5XX responses",
                "Target response time p90 (s)", "Healthy and unhealthy hosts", "App server errors (status >= 500)",
                "Replication Lambda shop-replication"), titles(widgets));
        Set<String> cells = new HashSet<>();
        for (JsonNode w : widgets) {
            assertEquals("metric", w.get("type").asText());
            assertEquals("eu-west-1", w.get("properties").get("region").asText());
            assertTrue(w.get("x").asInt() == 0 || w.get("x").asInt() == 12);
            assertTrue(cells.add(w.get("x").asInt() + "," + w.get("y").asInt()), "widgets never overlap");
            assertTrue(w.get("properties").get("metrics").size() > 0, "no empty widget");
        }
    }

    @Test
    void metricsNameTheServicesLoadBalancerAndTargetGroups() throws Exception {
        JsonNode widgets = DashboardBody.tree(input(Optional.empty())).get("widgets");

        assertEquals(List.of(List.of("AWS/ECS", "CPUUtilization", "ClusterName", "shop-cluster", "ServiceName", "web-staging"),
                List.of("AWS/ECS", "CPUUtilization", "ClusterName", "shop-cluster", "ServiceName", "web-production")),
                metrics(widgets.get(0)));
        assertEquals(List.of(List.of("AWS/ApplicationELB", "RequestCount", "LoadBalancer", LB)), metrics(widgets.get(2)));
        assertEquals(List.of("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "TargetGroup", TG_PRODUCTION,
                "LoadBalancer", LB), metrics(widgets.get(3)).get(2));
        assertEquals("p90", widgets.get(4).get("properties").get("stat").asText());
        assertEquals(4, metrics(widgets.get(5)).size(), "healthy and unhealthy per target group");
        assertEquals(List.of("shop/App", "production-server-errors"), metrics(widgets.get(6)).get(1));
    }

    @Test
    void aSecondaryRegionHasNoReplicationWidget() {
        JsonNode widgets = DashboardBody.tree(input(Optional.empty())).get("widgets");
        assertEquals(7, widgets.size());
        assertTrue(titles(widgets).stream().noneMatch(t -> t.contains("Replication")));
    }

    @Test
    void theSameInputGivesTheSameBody() {
        assertEquals(DashboardBody.generate(input(Optional.of("f"))), DashboardBody.generate(input(Optional.of("f"))));
    }

    private static List<String> titles(JsonNode widgets) {
        List<String> titles = new ArrayList<>();
        widgets.forEach(w -> titles.add(w.get("properties").get("title").asText()));
        return titles;
    }

    private static List<List<String>> metrics(JsonNode widget) {
        List<List<String>> metrics = new ArrayList<>();
        for (JsonNode m : widget.get("properties").get("metrics")) {
            List<String> parts = new ArrayList<>();
            m.forEach(p -> parts.add(p.asText()));
            metrics.add(parts);
        }
        return metrics;
    }
}
