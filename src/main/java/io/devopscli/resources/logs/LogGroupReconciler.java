package io.devopscli.resources.logs;

import io.devopscli.resources.OwnedByTag;
import io.devopscli.resources.RegionalArns;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * A CloudWatch Logs group, found by its stable name and recognised as ours by its ownership tag. A
 * same-named group without that tag belongs to someone else: never adopted, never deleted. Publishes the
 * group's name, which is what flow logs refer to.
 */
public final class LogGroupReconciler implements Reconciler<LogGroupSpec, LogGroupState>,
        Updatable<LogGroupSpec, LogGroupState> {
    static final String MEMO = "logs/project-log-groups";

    @Override
    public Optional<LogGroupState> observe(LogGroupSpec spec, RegionContext ctx) {
        return named(ctx, spec.name()).filter(g -> OwnedByTag.owns(ctx, "logs", arnOf(g))).map(LogGroupReconciler::state);
    }

    /** The group of that name, ours or not: from the region's one query when the name has the project in it. */
    private static Optional<LogGroup> named(RegionContext ctx, String name) {
        return name.contains(ctx.project()) ? Optional.ofNullable(projectGroups(ctx).get(name)) : find(logs(ctx), name);
    }

    /**
     * Every log group whose name contains the project (all of ours do), by name: one paginated
     * DescribeLogGroups per region and run instead of one per group. The emulator ignores the pattern and
     * answers every group, which the exact-name lookup above copes with.
     */
    private static Map<String, LogGroup> projectGroups(RegionContext ctx) {
        return ctx.memo(MEMO, () -> {
            Map<String, LogGroup> byName = new java.util.HashMap<>();
            AwsCall.call(() -> logs(ctx).describeLogGroupsPaginator(r -> r.logGroupNamePattern(ctx.project()))
                    .logGroups().stream().toList()).forEach(g -> byName.put(g.logGroupName(), g));
            return byName;
        });
    }

    @Override
    public List<FieldChange> diff(LogGroupSpec spec, LogGroupState actual) {
        return new Diffs().field("retentionDays", spec.retentionDays(), actual.retentionDays()).toList();
    }

    @Override
    public Optional<String> foreign(LogGroupSpec spec, RegionContext ctx) {
        CloudWatchLogsClient logs = logs(ctx);
        return named(ctx, spec.name()).filter(g -> !isOwned(logs, g, ctx.project())).map(LogGroupReconciler::arnOf);
    }

    @Override
    public LogGroupState create(LogGroupSpec spec, RegionContext ctx) {
        CloudWatchLogsClient logs = logs(ctx);
        Map<String, String> tags = Tags.owned(ctx.project(), spec.name());
        try {
            AwsCall.run(() -> logs.createLogGroup(r -> r.logGroupName(spec.name()).tags(tags)));
        } catch (AwsFailure f) {
            if (!f.code().equals("ResourceAlreadyExistsException")) {
                throw f;
            }
            // a lost answer: the first attempt made it, ours by its tag; anyone else's is not to be touched
            find(logs, spec.name()).filter(g -> isOwned(logs, g, ctx.project())).orElseThrow(() -> f);
        }
        applyRetention(logs, spec);
        // CreateLogGroup returns nothing, but everything dependents need is known: no describe afterwards
        return new LogGroupState(spec.name(), RegionalArns.of(ctx, "logs", "log-group:" + spec.name()),
                spec.retentionDays());
    }

    @Override
    public LogGroupState update(LogGroupSpec spec, LogGroupState actual, List<FieldChange> changes,
                                RegionContext ctx) {
        applyRetention(logs(ctx), spec);
        return new LogGroupState(actual.name(), actual.arn(), spec.retentionDays());
    }

    @Override
    public void delete(LogGroupState actual, RegionContext ctx) {
        // observe only hands over groups carrying our tag, so this never deletes someone else's
        AwsCall.ignoringNotFound(() -> logs(ctx).deleteLogGroup(r -> r.logGroupName(actual.name())));
    }

    @Override
    public String id(LogGroupState actual) {
        return actual.name();
    }

    /** 0 means never expire, which CloudWatch expresses by having no retention policy. */
    private static void applyRetention(CloudWatchLogsClient logs, LogGroupSpec spec) {
        if (spec.retentionDays() > 0) {
            AwsCall.run(() -> logs.putRetentionPolicy(r -> r.logGroupName(spec.name())
                    .retentionInDays(spec.retentionDays())));
        } else {
            AwsCall.ignoringNotFound(() -> logs.deleteRetentionPolicy(r -> r.logGroupName(spec.name())));
        }
    }

    /** The group with exactly this name: the prefix search also returns "/a/b-2" for "/a/b". */
    private static Optional<LogGroup> find(CloudWatchLogsClient logs, String name) {
        return AwsCall.call(() -> logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups()
                .stream().filter(g -> name.equals(g.logGroupName())).findFirst());
    }

    private static boolean isOwned(CloudWatchLogsClient logs, LogGroup group, String project) {
        // the ARN without the trailing ":*": ListTagsForResource rejects the other form (the emulator answers {})
        Map<String, String> tags = AwsCall.orEmpty(() -> logs.listTagsForResource(r -> r.resourceArn(arnOf(group))))
                .map(r -> r.tags()).orElse(Map.of());
        return Tags.isOwned(tags, project);
    }

    static String arnOf(LogGroup group) {
        if (group.logGroupArn() != null) {
            return group.logGroupArn();
        }
        String arn = group.arn();
        return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    }

    private static LogGroupState state(LogGroup g) {
        return new LogGroupState(g.logGroupName(), arnOf(g), g.retentionInDays() == null ? 0 : g.retentionInDays());
    }

    private static CloudWatchLogsClient logs(RegionContext ctx) {
        return ctx.services(AwsClients.class).logs();
    }
}
