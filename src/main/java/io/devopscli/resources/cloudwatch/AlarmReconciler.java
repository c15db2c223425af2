package io.devopscli.resources.cloudwatch;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.OwnedByTag;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.naming.ResourceNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * A CloudWatch metric alarm, found by its name among one DescribeAlarms of the project's prefix per run and
 * recognised as ours by its ownership tag. PutMetricAlarm creates and updates alike (it replaces the whole
 * definition), so every write goes through one pacing limiter per region: CloudWatch allows 3 a second.
 * Publishes the alarm ARN.
 */
public final class AlarmReconciler implements Reconciler<AlarmSpec, AlarmState>, Referencing<AlarmSpec, AlarmState>,
        Updatable<AlarmSpec, AlarmState> {
    static final String MEMO = "cloudwatch/alarms";
    /** The tagging API's type for alarms: one query tells which of the project's alarms are ours. */
    static final String OWNED_TYPE = "cloudwatch:alarm";
    static final String RATE_MEMO = "cloudwatch/put-metric-alarm-rate";
    static final int PUTS_PER_SECOND = 3;

    @Override
    public Optional<AlarmState> observe(AlarmSpec spec, RegionContext ctx) {
        MetricAlarm alarm = alarms(ctx).get(spec.name());
        if (alarm == null || !OwnedByTag.owns(ctx, OWNED_TYPE, alarm.alarmArn())) {
            return Optional.empty();
        }
        return Optional.of(state(alarm));
    }

    @Override
    public List<ResourceKey> references(AlarmSpec spec) {
        return spec.parents();
    }

    @Override
    public List<FieldChange> diff(AlarmSpec spec, AlarmState actual, Refs parents) {
        List<String> desiredActions = List.of(spec.topic().name());
        return new Diffs()
                .field("description", spec.description(), actual.description())
                .field("metric", spec.namespace() + "/" + spec.metricName(), actual.namespace() + "/" + actual.metricName())
                .field("dimensions", desiredDimensions(spec, parents), actual.dimensions())
                .field("statistic", spec.statistic(), actual.statistic())
                .field("periodSeconds", spec.periodSeconds(), actual.periodSeconds())
                .field("evaluationPeriods", spec.evaluationPeriods(), actual.evaluationPeriods())
                .field("datapointsToAlarm", spec.datapointsToAlarm(), actual.datapointsToAlarm())
                .field("threshold", spec.threshold(), actual.threshold())
                .field("comparison", spec.comparison(), actual.comparison())
                .field("treatMissingData", spec.treatMissingData(), actual.treatMissingData())
                .field("actionsEnabled", true, actual.actionsEnabled())
                .field("alarmActions", desiredActions, actual.alarmActions().stream().map(parents::render).toList())
                .field("okActions", desiredActions, actual.okActions().stream().map(parents::render).toList())
                .toList();
    }

    /**
     * PutMetricAlarm would silently overwrite someone else's alarm of this name. The plan's describe of the
     * project's alarms (made moments ago in this run) says whether one exists: no second look.
     */
    @Override
    public Optional<String> foreign(AlarmSpec spec, RegionContext ctx) {
        return Optional.ofNullable(alarms(ctx).get(spec.name())).map(MetricAlarm::alarmArn)
                .filter(arn -> !isOwned(cloudwatch(ctx), arn, ctx.project()));
    }

    @Override
    public AlarmState create(AlarmSpec spec, RegionContext ctx) {
        return put(spec, ctx, true);
    }

    @Override
    public AlarmState update(AlarmSpec spec, AlarmState actual, List<FieldChange> changes, RegionContext ctx) {
        return put(spec, ctx, false);
    }

    @Override
    public void delete(AlarmState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> cloudwatch(ctx).deleteAlarms(r -> r.alarmNames(actual.name())));
    }

    @Override
    public String id(AlarmState actual) {
        return actual.arn();
    }

    /**
     * Writes the whole definition. Tags are sent on creation only: on an existing alarm PutMetricAlarm
     * ignores them (TagResource would be the way to change them).
     */
    private static AlarmState put(AlarmSpec spec, RegionContext ctx, boolean creating) {
        String topicArn = ctx.requireId(spec.topic());
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (AlarmDimension d : spec.dimensions()) {
            dimensions.put(d.name(), d.elb() == null ? d.value() : ElbDimensions.of(ctx.requireId(d.elb())));
        }
        PutMetricAlarmRequest.Builder request = PutMetricAlarmRequest.builder()
                .alarmName(spec.name()).alarmDescription(spec.description())
                .namespace(spec.namespace()).metricName(spec.metricName())
                .dimensions(dimensions.entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .period(spec.periodSeconds()).evaluationPeriods(spec.evaluationPeriods())
                .datapointsToAlarm(spec.datapointsToAlarm()).threshold(spec.threshold())
                .comparisonOperator(spec.comparison()).treatMissingData(spec.treatMissingData())
                .actionsEnabled(true).alarmActions(topicArn).okActions(topicArn);
        if (spec.isPercentile()) {
            request.extendedStatistic(spec.statistic());
        } else {
            request.statistic(spec.statistic());
        }
        if (creating) {
            request.tags(Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        }
        PutMetricAlarmRequest built = request.build();
        rate(ctx).acquire();
        AwsCall.run(() -> cloudwatch(ctx).putMetricAlarm(built));
        // An alarm has no readiness to wait for: it exists, evaluating, once the put returns.
        return new AlarmState(spec.name(), RegionalArns.of(ctx, "cloudwatch", "alarm:" + spec.name()),
                spec.description(), spec.namespace(), spec.metricName(), dimensions, spec.statistic(),
                spec.periodSeconds(), spec.evaluationPeriods(), spec.datapointsToAlarm(), spec.threshold(),
                spec.comparison(), spec.treatMissingData(), true, List.of(topicArn), List.of(topicArn));
    }

    static Map<String, String> desiredDimensions(AlarmSpec spec, Refs parents) {
        Map<String, String> desired = new TreeMap<>();
        spec.dimensions().forEach(d -> desired.put(d.name(), d.resolve(parents)));
        return desired;
    }

    /** One limiter per region and run, shared by every alarm node: they write in parallel. */
    static RateLimiter rate(RegionContext ctx) {
        return ctx.memo(RATE_MEMO, () -> RateLimiter.perSecond(PUTS_PER_SECOND));
    }

    /** The project's metric alarms by name: one paginated DescribeAlarms of the prefix "<project>-" per run. */
    private static Map<String, MetricAlarm> alarms(RegionContext ctx) {
        return ctx.memo(MEMO, () -> AwsCall.call(() -> cloudwatch(ctx)
                .describeAlarmsPaginator(r -> r.alarmNamePrefix(ResourceNames.alarmPrefix(ctx.project())).alarmTypes(AlarmType.METRIC_ALARM))
                .metricAlarms().stream().collect(Collectors.toMap(MetricAlarm::alarmName, a -> a, (a, b) -> b))));
    }

    private static boolean isOwned(CloudWatchClient cloudwatch, String arn, String project) {
        Map<String, String> tags = AwsCall.orEmpty(() -> cloudwatch.listTagsForResource(r -> r.resourceARN(arn)))
                .map(r -> r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))
                .orElse(Map.of());
        return Tags.isOwned(tags, project);
    }

    static AlarmState state(MetricAlarm a) {
        Map<String, String> dimensions = a.dimensions().stream()
                .collect(Collectors.toMap(Dimension::name, Dimension::value, (x, y) -> y));
        String statistic = a.extendedStatistic() != null ? a.extendedStatistic() : a.statisticAsString();
        return new AlarmState(a.alarmName(), a.alarmArn(), a.alarmDescription(), a.namespace(), a.metricName(),
                dimensions, statistic, a.period() == null ? 0 : a.period(),
                a.evaluationPeriods() == null ? 0 : a.evaluationPeriods(), a.datapointsToAlarm(),
                a.threshold() == null ? Double.NaN : a.threshold(), a.comparisonOperatorAsString(),
                a.treatMissingData() == null ? "missing" : a.treatMissingData(),
                Boolean.TRUE.equals(a.actionsEnabled()), a.alarmActions(), a.okActions());
    }

    private static CloudWatchClient cloudwatch(RegionContext ctx) {
        return ctx.services(AwsClients.class).cloudwatch();
    }
}
