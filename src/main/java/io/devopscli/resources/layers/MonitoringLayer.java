package io.devopscli.resources.layers;

import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.cloudwatch.AlarmReconciler;
import io.devopscli.resources.cloudwatch.DashboardReconciler;
import io.devopscli.resources.cloudwatch.DashboardSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.logs.MetricFilterReconciler;
import io.devopscli.resources.logs.MetricFilterSpec;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitoring of one region as graph nodes: a metric filter per app log group counting server
 * errors, the alarms (MonitoringAlarms) on the alarms topic, and the region's dashboard with a generated
 * body. The log groups (app, CodeBuild, flow logs, the replication Lambda's) belong to the layers that
 * write to them.
 */
public final class MonitoringLayer {
    private final Topology topology;
    private final RegionSpec region;
    private final DeliveryLayer.Outputs delivery;
    private final ResourceNames names;

    public MonitoringLayer(Topology topology, RegionSpec region, DeliveryLayer.Outputs delivery) {
        this.topology = topology;
        this.region = region;
        this.delivery = delivery;
        this.names = ResourceNames.of(topology);
    }

    /**
     * The app logs one JSON line per request ({"method", "path", "status", "duration_ms"}) and never the
     * word ERROR, so the filter counts responses with status >= 500. The health check path is left out:
     * it answers 503 while a task starts, which is the load balancer's business (unhealthy-host alarm).
     */
    static String serverErrorPattern(String healthCheckPath) {
        return "{ ($.status >= 500) && ($.path != \"" + healthCheckPath + "\") }";
    }

    public void addTo(RegionGraph g) {
        // The replication Lambda (and its log group, which ReplicationLayer adds) lives in every region
        // when there is another region to replicate to; it runs where the replication source is.
        boolean replicates = topology.regions().size() > 1;
        Optional<String> replication = replicates ? Optional.of(names.replicationFunction()) : Optional.empty();

        Map<String, ResourceKey> filters = addMetricFilters(g);
        Map<String, String> serviceNames = new LinkedHashMap<>();
        Map<String, String> errorMetrics = new LinkedHashMap<>();
        for (String env : delivery.targetGroups().keySet()) {
            serviceNames.put(env, names.service(env));
            errorMetrics.put(env, ResourceNames.appErrorMetric(env));
        }

        AlarmReconciler alarms = new AlarmReconciler();
        for (MonitoringAlarms.Alarm alarm : MonitoringAlarms.of(names, serviceNames,
                delivery, errorMetrics, replication)) {
            List<ResourceKey> deps = new ArrayList<>(alarm.spec().parents());
            // the app-errors alarm watches the metric its environment's filter feeds
            filters.entrySet().stream().filter(f -> alarm.key().equals(f.getKey() + "-app-errors"))
                    .forEach(f -> deps.add(f.getValue()));
            g.add(key("cloudwatch/alarm", alarm.key()), alarms, alarm.spec(), deps);
        }

        DashboardSpec dashboard = new DashboardSpec(names.dashboard(region.name()), region.name(),
                names.cluster(), delivery.loadBalancer(),
                delivery.targetGroups().entrySet().stream().map(e -> new DashboardSpec.Environment(e.getKey(),
                        serviceNames.get(e.getKey()), e.getValue(), errorMetrics.get(e.getKey()))).toList(),
                names.appNamespace(), replication);
        g.add(key("cloudwatch/dashboard", "main"), new DashboardReconciler(), dashboard, dashboard.parents());
    }

    /** Per environment, a filter on its app log group; the returned map holds their keys by environment. */
    private Map<String, ResourceKey> addMetricFilters(RegionGraph g) {
        MetricFilterReconciler reconciler = new MetricFilterReconciler();
        Map<String, ResourceKey> filters = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceKey> group : delivery.appLogGroups().entrySet()) {
            String env = group.getKey();
            filters.put(env, g.add(key("logs/metric-filter", "app-" + env + "-server-errors"), reconciler,
                    new MetricFilterSpec(names.appErrorFilter(env), group.getValue(), names.appLogGroup(env),
                            serverErrorPattern(topology.app().healthCheckPath()), names.appNamespace(),
                            ResourceNames.appErrorMetric(env),
                            "1", 0.0),
                    group.getValue()));
        }
        return filters;
    }

    private ResourceKey key(String type, String name) {
        return new ResourceKey(region.name(), type, name);
    }
}
