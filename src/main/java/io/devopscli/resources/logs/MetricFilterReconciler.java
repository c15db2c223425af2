package io.devopscli.resources.logs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/**
 * A CloudWatch Logs metric filter. Filters cannot be tagged: one is ours when it sits on a log group this
 * run observed as ours (its node published an id) and has the spec's name. Publishes the filter name.
 */
public final class MetricFilterReconciler implements Reconciler<MetricFilterSpec, MetricFilterState>,
        Updatable<MetricFilterSpec, MetricFilterState> {
    static final String MEMO = "logs/metric-filters";

    @Override
    public Optional<MetricFilterState> observe(MetricFilterSpec spec, RegionContext ctx) {
        if (ctx.idOf(spec.logGroup()).isEmpty()) {
            return Optional.empty(); // no owned group: nothing on it can be ours
        }
        return Optional.ofNullable(all(ctx).get(new Id(spec.logGroupName(), spec.name()))).map(MetricFilterReconciler::state);
    }

    @Override
    public List<FieldChange> diff(MetricFilterSpec spec, MetricFilterState actual) {
        return new Diffs()
                .immutable("logGroup", spec.logGroupName(), actual.logGroupName())
                .field("pattern", spec.pattern(), actual.pattern())
                .field("metricTransformation", spec.transformation(), actual.transformation())
                .toList();
    }

    @Override
    public MetricFilterState create(MetricFilterSpec spec, RegionContext ctx) {
        return put(spec, ctx); // the plan found no filter of this name: nothing for a put to append to
    }

    @Override
    public MetricFilterState update(MetricFilterSpec spec, MetricFilterState actual, List<FieldChange> changes,
                                    RegionContext ctx) {
        if (!ctx.services(AwsClients.class).capabilities().metricFilterPutReplaces()) { // a put would append
            AwsCall.ignoringNotFound(() -> logs(ctx).deleteMetricFilter(r -> r.logGroupName(spec.logGroupName())
                    .filterName(spec.name())));
        }
        return put(spec, ctx);
    }

    @Override
    public void delete(MetricFilterState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> logs(ctx).deleteMetricFilter(r -> r.logGroupName(actual.logGroupName())
                .filterName(actual.name())));
    }

    @Override
    public String id(MetricFilterState actual) {
        return actual.name();
    }

    /** PutMetricFilter creates or replaces the filter of that name on the group: create and update alike. */
    private static MetricFilterState put(MetricFilterSpec spec, RegionContext ctx) {
        CloudWatchLogsClient logs = logs(ctx);
        MetricTransformation transformation = MetricTransformation.builder().metricNamespace(spec.metricNamespace())
                .metricName(spec.metricName()).metricValue(spec.metricValue()).defaultValue(spec.defaultValue()).build();
        AwsCall.run(() -> logs.putMetricFilter(r -> r.logGroupName(spec.logGroupName()).filterName(spec.name())
                .filterPattern(spec.pattern()).metricTransformations(transformation)));
        return new MetricFilterState(spec.name(), spec.logGroupName(), spec.pattern(), spec.metricNamespace(),
                spec.metricName(), spec.metricValue(), spec.defaultValue());
    }

    private record Id(String logGroupName, String name) {}

    /**
     * Every metric filter of the region, once per run: DescribeMetricFilters takes a name prefix only
     * together with one log group, so one unfiltered paginated describe serves all nodes. Where an
     * endpoint holds duplicates (Gap.METRIC_FILTER_PUT_REPLACES) the last one put wins.
     */
    private static Map<Id, MetricFilter> all(RegionContext ctx) {
        return ctx.memo(MEMO, () -> AwsCall.call(() -> logs(ctx).describeMetricFiltersPaginator(r -> { })
                .metricFilters().stream()
                .collect(Collectors.toMap(f -> new Id(f.logGroupName(), f.filterName()), f -> f, (a, b) -> b))));
    }

    private static MetricFilterState state(MetricFilter f) {
        MetricTransformation t = f.metricTransformations().isEmpty() ? null : f.metricTransformations().get(0);
        return new MetricFilterState(f.filterName(), f.logGroupName(), f.filterPattern() == null ? "" : f.filterPattern(),
                t == null ? null : t.metricNamespace(), t == null ? null : t.metricName(),
                t == null ? null : t.metricValue(), t == null ? null : t.defaultValue());
    }

    private static CloudWatchLogsClient logs(RegionContext ctx) {
        return ctx.services(AwsClients.class).logs();
    }
}
