package io.devopscli.resources.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An owned metric alarm as observed. dimensions are sorted by name; statistic is the Statistic or the
 * ExtendedStatistic, whichever is set.
 */
public record AlarmState(String name, String arn, String description, String namespace, String metricName,
                         Map<String, String> dimensions, String statistic, int periodSeconds, int evaluationPeriods,
                         Integer datapointsToAlarm, double threshold, String comparison, String treatMissingData,
                         boolean actionsEnabled, List<String> alarmActions, List<String> okActions) {
    public AlarmState {
        dimensions = new TreeMap<>(dimensions);
        alarmActions = List.copyOf(alarmActions);
        okActions = List.copyOf(okActions);
    }
}
