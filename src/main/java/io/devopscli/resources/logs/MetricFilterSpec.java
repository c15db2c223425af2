package io.devopscli.resources.logs;

import io.devopscli.engine.ResourceKey;

/**
 * A metric filter on a log group: log events matching pattern add metricValue to metricNamespace/metricName;
 * minutes without a match report defaultValue, so an alarm on the metric sees zeros rather than gaps.
 * logGroup is the graph key of the owned group (ownership follows it: filters cannot be tagged) and
 * logGroupName its name.
 */
public record MetricFilterSpec(String name, ResourceKey logGroup, String logGroupName, String pattern,
                               String metricNamespace, String metricName, String metricValue, double defaultValue) {

    /** What the diff shows of the metric transformation, one line. */
    public String transformation() {
        return MetricFilterState.transformation(metricNamespace, metricName, metricValue, defaultValue);
    }
}
