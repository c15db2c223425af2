package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.IdempotencyTokens;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * VPC flow logs (all traffic) to a CloudWatch Logs group through an IAM role, found by their tags.
 * Publishes the flow log id. Every field is immutable: a change replaces the flow logs.
 */
public final class FlowLogReconciler implements Reconciler<FlowLogSpec, FlowLogState> {
    static final String MEMO = "ec2/flow-logs";
    static final String TO_BE_CREATED = NatGatewayReconciler.TO_BE_CREATED;
    private static final String ALL = TrafficType.ALL.toString();

    private final Waiter waiter;

    public FlowLogReconciler() {
        // a role created a moment ago can take seconds, rarely a minute or two, to become assumable
        this(Waiter.upTo(Duration.ofMinutes(2)));
    }

    public FlowLogReconciler(Waiter waiter) {
        this.waiter = waiter;
    }

    @Override
    public Optional<FlowLogState> observe(FlowLogSpec spec, RegionContext ctx) {
        return pick(ctx.memo(MEMO, () -> describeOwned(ec2(ctx), ctx.project())), ctx.project(), spec.name())
                .map(f -> state(f, ctx.idOf(spec.vpc()).orElse(null), ctx.idOf(spec.logGroup()).orElse(null),
                        ctx.idOf(spec.role()).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(FlowLogSpec spec, FlowLogState actual) {
        return new Diffs()
                .immutable("vpc", wanted(actual.wantedVpcId()), actual.vpcId())
                .immutable("logGroup", wanted(actual.wantedLogGroupName()), actual.logGroupName())
                .immutable("role", wanted(actual.wantedRoleArn()), actual.roleArn())
                .immutable("trafficType", ALL, actual.trafficType())
                .toList();
    }

    @Override
    public FlowLogState create(FlowLogSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String vpcId = ctx.requireId(spec.vpc());
        String logGroup = ctx.requireId(spec.logGroup());
        String roleArn = ctx.requireId(spec.role());
        String salt = "";
        for (int attempt = 0; attempt < 2; attempt++) {
            String token = IdempotencyTokens.of("flow-log", ctx.project(), ctx.region(), spec.name(), vpcId, logGroup,
                    roleArn, salt);
            String id = waiter.until("creating flow logs for " + vpcId + " (waiting for role " + roleArn
                    + " to become assumable)", ctx.progress(), () -> tryCreate(ec2, spec, ctx, vpcId, logGroup, roleArn, token));
            Optional<FlowLog> created = awaitVisible(ec2, id, ctx);
            if (created.isPresent()) {
                return state(created.get(), vpcId, logGroup, roleArn);
            }
            // Tokens outlive their flow logs: AWS may answer with one deleted since. Should it merely be
            // slow to show, the next create says FlowLogAlreadyExists and the owned one is taken.
            salt = id;
        }
        throw new IllegalStateException("flow logs " + salt + " never became visible after create");
    }

    @Override
    public void delete(FlowLogState actual, RegionContext ctx) {
        // AWS reports a missing id as an unsuccessful item, the emulator as an error: both mean done
        var response = AwsCall.orEmpty(() -> ec2(ctx).deleteFlowLogs(r -> r.flowLogIds(actual.flowLogId())));
        response.flatMap(r -> r.unsuccessful().stream().findFirst())
                .filter(item -> !item.error().code().endsWith("NotFound"))
                .ifPresent(item -> {
                    throw new IllegalStateException("deleting flow logs " + actual.flowLogId() + ": " + reason(item));
                });
    }

    @Override
    public String id(FlowLogState actual) {
        return actual.flowLogId();
    }

    /** One attempt: the new id, empty while the role is not assumable yet; other failures fail the node. */
    private Optional<String> tryCreate(Ec2Client ec2, FlowLogSpec spec, RegionContext ctx, String vpcId, String logGroup,
                                       String roleArn, String token) {
        CreateFlowLogsResponse response;
        try {
            response = AwsCall.call(() -> ec2.createFlowLogs(r -> r.resourceType(FlowLogsResourceType.VPC)
                    .resourceIds(vpcId).trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logGroupName(logGroup)
                    .deliverLogsPermissionArn(roleArn).clientToken(token)
                    .tagSpecifications(OwnedTags.at(ResourceType.VPC_FLOW_LOG, ctx.project(), spec.name()))));
        } catch (AwsFailure f) {
            if (roleNotAssumableYet(f.getMessage())) {
                return Optional.empty();
            }
            if (f.code().equals("FlowLogAlreadyExists")) {
                return Optional.of(alreadyThere(ec2, ctx, spec, vpcId, logGroup));
            }
            throw f;
        }
        if (!response.unsuccessful().isEmpty()) {
            String reason = reason(response.unsuccessful().get(0));
            if (roleNotAssumableYet(reason)) {
                return Optional.empty();
            }
            throw new IllegalStateException("flow logs for " + vpcId + ": " + reason);
        }
        return Optional.of(response.flowLogIds().get(0));
    }

    /**
     * AWS allows one flow log per VPC and log group. Ours (same tags) is taken; anyone else's is left
     * alone and named in the failure.
     */
    private static String alreadyThere(Ec2Client ec2, RegionContext ctx, FlowLogSpec spec, String vpcId, String logGroup) {
        List<FlowLog> there = AwsCall.call(() -> ec2.describeFlowLogs(r -> r.filter(
                Filter.builder().name("resource-id").values(vpcId).build(),
                Filter.builder().name("log-group-name").values(logGroup).build()))).flowLogs();
        return pick(there, ctx.project(), spec.name()).map(FlowLog::flowLogId).orElseThrow(() ->
                new IllegalStateException("flow logs of " + vpcId + " to " + logGroup + " already exist ("
                        + there.stream().map(FlowLog::flowLogId).toList() + ") and are not owned by devops-cli as "
                        + spec.name()));
    }

    /**
     * IAM is eventually consistent: EC2 answers "InvalidParameter: Unable to assume given IAM role" for a
     * role created seconds ago. That one message is retried here, not InvalidParameter in general.
     */
    static boolean roleNotAssumableYet(String message) {
        return message != null && message.contains("Unable to assume given IAM role");
    }

    private Optional<FlowLog> awaitVisible(Ec2Client ec2, String id, RegionContext ctx) {
        try {
            return Optional.of(WaitFor.visible("waiting for flow logs " + id, () -> AwsCall.orEmpty(() -> ec2.describeFlowLogs(
                    r -> r.flowLogIds(id))).flatMap(r -> r.flowLogs().stream().findFirst())).within(waiter).run(ctx.progress()));
        } catch (Waiter.WaitTimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * Every flow log the project owns in the region, in one paginated describe. The emulator honours this tag
     * filter, unlike on NAT gateways; the ownership check in pick() is there regardless.
     */
    private static List<FlowLog> describeOwned(Ec2Client ec2, String project) {
        return AwsCall.call(() -> ec2.describeFlowLogsPaginator(r -> r.filter(OwnedTags.ownerFilter(project)))
                .flowLogs().stream().toList());
    }

    static Optional<FlowLog> pick(List<FlowLog> flowLogs, String project, String name) {
        return flowLogs.stream().filter(f -> OwnedTags.ownedAndNamed(f.tags(), project, name))
                .min(Comparator.comparing(FlowLog::flowLogId));
    }

    private static String reason(UnsuccessfulItem item) {
        return item.error() == null ? "unsuccessful" : item.error().code() + ": " + item.error().message();
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static FlowLogState state(FlowLog f, String wantedVpc, String wantedLogGroup, String wantedRole) {
        return new FlowLogState(f.flowLogId(), f.resourceId(), f.logGroupName(), f.deliverLogsPermissionArn(),
                f.trafficTypeAsString(), wantedVpc, wantedLogGroup, wantedRole);
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }
}
