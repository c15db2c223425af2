package io.devopscli.resources.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The JSON body of a region's dashboard, generated from the topology: ECS CPU and memory per service, the
 * load balancer's requests, 5XX and latency, healthy and unhealthy hosts per target group, the app's own
 * server errors (from its metric filters) and, in the primary region, the replication Lambda. Metric
 * widgets in a two-column grid; the same input always gives the same body.
 */
public final class DashboardBody {
    static final int PERIOD_SECONDS = 60;
    static final int WIDTH = 12;
    static final int HEIGHT = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One environment's service and target group (its CloudWatch dimension) and app error metric. */
    public record Environment(String name, String service, String targetGroup, String errorMetric) {}

    /**
     * @param loadBalancer the LoadBalancer dimension ("app/NAME/ID")
     * @param replicationFunction present in the primary region only
     */
    public record Input(String region, String clusterName, String loadBalancer, List<Environment> environments,
                        String appNamespace, Optional<String> replicationFunction) {
        public Input {
            environments = List.copyOf(environments);
        }
    }

    private DashboardBody() {
    }

    public static String generate(Input in) {
        try {
            return JSON.writeValueAsString(tree(in));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("dashboard body does not serialise", e);
        }
    }

    public static JsonNode tree(Input in) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode widgets = root.putArray("widgets");
        Grid grid = new Grid(widgets, in.region());

        ArrayNode cpu = grid.widget("ECS CPU utilization (%)", "Average");
        ArrayNode memory = grid.widget("ECS memory utilization (%)", "Average");
        for (Environment env : in.environments()) {
            cpu.add(metric("AWS/ECS", "CPUUtilization", "ClusterName", in.clusterName(), "ServiceName", env.service()));
            memory.add(metric("AWS/ECS", "MemoryUtilization", "ClusterName", in.clusterName(), "ServiceName", env.service()));
        }

        grid.widget("ALB requests", "Sum")
                .add(metric("AWS/ApplicationELB", "RequestCount", "LoadBalancer", in.loadBalancer()));
        ArrayNode errors = grid.widget("5XX responses", "Sum");
        errors.add(metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", in.loadBalancer()));
        for (Environment env : in.environments()) {
            errors.add(metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
                    "TargetGroup", env.targetGroup(), "LoadBalancer", in.loadBalancer()));
        }

        ArrayNode latency = grid.widget("Target response time p90 (s)", "p90");
        ArrayNode hosts = grid.widget("Healthy and unhealthy hosts", "Minimum");
        ArrayNode appErrors = grid.widget("App server errors (status >= 500)", "Sum");
        for (Environment env : in.environments()) {
            latency.add(metric("AWS/ApplicationELB", "TargetResponseTime",
                    "TargetGroup", env.targetGroup(), "LoadBalancer", in.loadBalancer()));
            hosts.add(metric("AWS/ApplicationELB", "HealthyHostCount",
                    "TargetGroup", env.targetGroup(), "LoadBalancer", in.loadBalancer()));
            hosts.add(metric("AWS/ApplicationELB", "UnHealthyHostCount",
                    "TargetGroup", env.targetGroup(), "LoadBalancer", in.loadBalancer()));
            appErrors.add(metric(in.appNamespace(), env.errorMetric()));
        }

        in.replicationFunction().ifPresent(function -> {
            ArrayNode replication = grid.widget("Replication Lambda " + function, "Sum");
            replication.add(metric("AWS/Lambda", "Invocations", "FunctionName", function));
            replication.add(metric("AWS/Lambda", "Errors", "FunctionName", function));
        });
        return root;
    }

    /** ["Namespace", "MetricName", "Dim1", "Value1", ...], CloudWatch's compact metric notation. */
    private static ArrayNode metric(String... parts) {
        ArrayNode metric = JSON.createArrayNode();
        for (String part : parts) {
            metric.add(part);
        }
        return metric;
    }

    /** Places widgets left to right, two to a row. */
    private static final class Grid {
        private final ArrayNode widgets;
        private final String region;

        Grid(ArrayNode widgets, String region) {
            this.widgets = widgets;
            this.region = region;
        }

        /** Adds a time-series widget and returns its (empty) metrics array to fill. */
        ArrayNode widget(String title, String stat) {
            int index = widgets.size();
            ObjectNode widget = widgets.addObject();
            widget.put("type", "metric");
            widget.put("x", (index % 2) * WIDTH);
            widget.put("y", (index / 2) * HEIGHT);
            widget.put("width", WIDTH);
            widget.put("height", HEIGHT);
            ObjectNode properties = widget.putObject("properties");
            properties.put("title", title);
            properties.put("view", "timeSeries");
            properties.put("stacked", false);
            properties.put("region", region);
            properties.put("stat", stat);
            properties.put("period", PERIOD_SECONDS);
            return properties.putArray("metrics");
        }
    }
}
