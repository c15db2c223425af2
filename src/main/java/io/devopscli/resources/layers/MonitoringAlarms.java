package io.devopscli.resources.layers;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.cloudwatch.AlarmDimension;
import io.devopscli.resources.cloudwatch.AlarmSpec;
import io.devopscli.resources.naming.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms of one region, every one notifying the alarms topic on ALARM and on OK. Per environment:
 * ECS CPU and memory of its service, its targets' 5XX count, unhealthy hosts and p90 latency, and the
 * app's own server errors (counted by its log metric filter). Per region: the load balancer's own 5XX,
 * and in every region the replication Lambda's errors. Counts from the load balancer are only
 * emitted when something happened, so missing data there is "not breaching".
 */
final class MonitoringAlarms {
    static final double CPU_PERCENT = 80;
    static final double MEMORY_PERCENT = 80;
    static final double FIVE_XX_PER_5_MIN = 5;
    static final double P90_LATENCY_SECONDS = 1.0;
    static final double APP_ERRORS_PER_5_MIN = 5;

    /** One alarm: the name of its graph key and its spec. */
    record Alarm(String key, AlarmSpec spec) {}

    private MonitoringAlarms() {
    }

    /**
     * @param appErrorMetrics per environment, the metric its log metric filter counts into, in appNamespace
     * @param replicationFunction the replication Lambda's name, in every region of a multi-region topology
     */
    static List<Alarm> of(ResourceNames names, Map<String, String> serviceNames,
                          DeliveryLayer.Outputs delivery, Map<String, String> appErrorMetrics,
                          Optional<String> replicationFunction) {
        String clusterName = names.cluster();
        String appNamespace = names.appNamespace();
        ResourceKey topic = delivery.alarmsTopic();
        AlarmDimension lb = AlarmDimension.ofElb("LoadBalancer", delivery.loadBalancer());
        List<Alarm> alarms = new ArrayList<>();
        for (String env : delivery.targetGroups().keySet()) {
            String service = serviceNames.get(env);
            List<AlarmDimension> ecs = List.of(AlarmDimension.of("ClusterName", clusterName),
                    AlarmDimension.of("ServiceName", service));
            List<AlarmDimension> targets = List.of(
                    AlarmDimension.ofElb("TargetGroup", delivery.targetGroups().get(env)), lb);
            alarms.add(alarm(names, env + "-cpu", "ECS service " + service + " CPU above " + (int) CPU_PERCENT
                    + "% for 3 of 5 minutes", "AWS/ECS", "CPUUtilization", ecs, "Average", 60, 5, 3, CPU_PERCENT,
                    "GreaterThanThreshold", "missing", topic));
            alarms.add(alarm(names, env + "-memory", "ECS service " + service + " memory above "
                    + (int) MEMORY_PERCENT + "% for 3 of 5 minutes", "AWS/ECS", "MemoryUtilization", ecs, "Average",
                    60, 5, 3, MEMORY_PERCENT, "GreaterThanThreshold", "missing", topic));
            alarms.add(alarm(names, env + "-target-5xx", env + " targets answered at least "
                    + (int) FIVE_XX_PER_5_MIN + " 5XX in 5 minutes", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
                    targets, "Sum", 300, 1, 1, FIVE_XX_PER_5_MIN, "GreaterThanOrEqualToThreshold", "notBreaching", topic));
            alarms.add(alarm(names, env + "-unhealthy-hosts", env + " has an unhealthy target for 2 minutes",
                    "AWS/ApplicationELB", "UnHealthyHostCount", targets, "Maximum", 60, 2, 2, 1,
                    "GreaterThanOrEqualToThreshold", "notBreaching", topic));
            alarms.add(alarm(names, env + "-latency", env + " p90 response time above " + P90_LATENCY_SECONDS
                    + " s for 3 of 5 minutes", "AWS/ApplicationELB", "TargetResponseTime", targets, "p90", 60, 5, 3,
                    P90_LATENCY_SECONDS, "GreaterThanThreshold", "notBreaching", topic));
            alarms.add(alarm(names, env + "-app-errors", env + " app logged at least " + (int) APP_ERRORS_PER_5_MIN
                    + " responses with status >= 500 in 5 minutes", appNamespace, appErrorMetrics.get(env), List.of(),
                    "Sum", 300, 1, 1, APP_ERRORS_PER_5_MIN, "GreaterThanOrEqualToThreshold", "notBreaching", topic));
        }
        alarms.add(alarm(names, "alb-5xx", "the load balancer itself answered at least " + (int) FIVE_XX_PER_5_MIN
                + " 5XX in 5 minutes (no healthy target, timeouts)", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                List.of(lb), "Sum", 300, 1, 1, FIVE_XX_PER_5_MIN, "GreaterThanOrEqualToThreshold", "notBreaching", topic));
        replicationFunction.ifPresent(function -> alarms.add(alarm(names, "replication-errors",
                "replication Lambda " + function + " failed at least once in 5 minutes", "AWS/Lambda", "Errors",
                List.of(AlarmDimension.of("FunctionName", function)), "Sum", 300, 1, 1, 1,
                "GreaterThanOrEqualToThreshold", "notBreaching", topic)));
        return List.copyOf(alarms);
    }

    private static Alarm alarm(ResourceNames names, String key, String description, String namespace, String metric,
                               List<AlarmDimension> dimensions, String statistic, int period, int evaluationPeriods,
                               int datapoints, double threshold, String comparison, String missing, ResourceKey topic) {
        return new Alarm(key, new AlarmSpec(names.alarm(key), description, namespace, metric, dimensions, statistic,
                period, evaluationPeriods, datapoints, threshold, comparison, missing, topic));
    }
}
