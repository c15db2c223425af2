package io.devopscli.resources.cloudwatch;

import io.devopscli.engine.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metric alarm notifying topic (an sns/topic key) on ALARM and on the way back to OK. statistic is a
 * CloudWatch statistic (Average, Sum, Maximum ...) or a percentile such as p90, sent as ExtendedStatistic.
 * comparison is a ComparisonOperator name, treatMissingData one of breaching, notBreaching, ignore, missing.
 */
public record AlarmSpec(String name, String description, String namespace, String metricName,
                        List<AlarmDimension> dimensions, String statistic, int periodSeconds, int evaluationPeriods,
                        int datapointsToAlarm, double threshold, String comparison, String treatMissingData,
                        ResourceKey topic) {
    public AlarmSpec {
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(topic, "topic");
    }

    public boolean isPercentile() {
        return statistic.matches("p\\d+(\\.\\d+)?");
    }

    /** The graph keys whose ids the alarm needs: its topic and any load balancer or target group. */
    public List<ResourceKey> parents() {
        List<ResourceKey> keys = new ArrayList<>(List.of(topic));
        dimensions.stream().map(AlarmDimension::elb).filter(Objects::nonNull).forEach(keys::add);
        return List.copyOf(keys);
    }

    public AlarmSpec withThreshold(double newThreshold) {
        return new AlarmSpec(name, description, namespace, metricName, dimensions, statistic, periodSeconds,
                evaluationPeriods, datapointsToAlarm, newThreshold, comparison, treatMissingData, topic);
    }
}
