package io.devopscli.resources.logs;

/** A metric filter as observed on an owned log group. defaultValue is null when the filter has none. */
public record MetricFilterState(String name, String logGroupName, String pattern, String metricNamespace,
                                String metricName, String metricValue, Double defaultValue) {

    public String transformation() {
        return transformation(metricNamespace, metricName, metricValue, defaultValue);
    }

    static String transformation(String namespace, String metric, String value, Double defaultValue) {
        return namespace + "/" + metric + " value=" + value + " default=" + (defaultValue == null ? "none" : defaultValue);
    }
}
