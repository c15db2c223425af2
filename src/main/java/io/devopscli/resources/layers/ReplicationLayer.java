package io.devopscli.resources.layers;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.lambda.ReplicationSettings;
import io.devopscli.resources.events.ReplicationTriggerReconciler;
import io.devopscli.resources.events.ReplicationTriggerSpec;
import io.devopscli.resources.iam.ReplicationPolicies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.lambda.FunctionCode;
import io.devopscli.resources.lambda.FunctionReconciler;
import io.devopscli.resources.lambda.FunctionSpec;
import io.devopscli.resources.lambda.PermissionReconciler;
import io.devopscli.resources.lambda.PermissionSpec;
import io.devopscli.resources.lambda.ReplicationPackage;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.GlobalReads;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.route53.ActiveRegion;
import io.devopscli.resources.sqs.QueueReconciler;
import io.devopscli.resources.sqs.QueueSpec;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.util.List;
import java.util.Map;

/**
 * Repository replication, in every region: the Lambda that mirrors each branch or tag change of the
 * region's CodeCommit repository to the other regions (same SHAs, see io.devopscli.lambda), its role,
 * its log group, the EventBridge rule that invokes it, the permission for that rule, and the dead-letter
 * queue where events land once every retry has failed. Code follows traffic: the rule is enabled only in
 * the region serving production (the level-0 PRIMARY failover record in Route 53; the topology's primary
 * before there is one), so after a failover the new active region is the source, and `up` keeps it.
 * Nothing when the topology has a single region.
 */
public final class ReplicationLayer {
    public static final String RUNTIME = "java21";
    /*
     * Sized for a 1 GB repository. The first run in a fresh execution environment fetches the whole
     * repository into /tmp and may push all of it to a new secondary: JGit indexes and delta-compresses
     * packs in memory, and Lambda gives CPU in proportion to memory (2048 MB is about 1.2 vCPU), so
     * 2048 MB; the maximum timeout (15 min) covers that cold full copy across regions; /tmp holds the
     * 1 GB pack, its index and an incoming pack at once, so 4 GB of ephemeral storage (default 512 MB).
     * A warm environment then only fetches and pushes the new objects of one push, in seconds.
     */
    public static final int MEMORY_MB = 2048;
    public static final int TIMEOUT_SECONDS = 900;
    public static final int EPHEMERAL_STORAGE_MB = 4096;
    /** Lambda's own retries of a failed invocation (0-2), within six hours, then the dead-letter queue. */
    public static final int FUNCTION_RETRIES = 2;
    public static final int FUNCTION_EVENT_AGE_SECONDS = 6 * 3600;
    /** EventBridge's retries when it cannot hand the event to Lambda at all (throttled, no permission). */
    public static final int DELIVERY_RETRIES = 20;
    public static final int DELIVERY_EVENT_AGE_SECONDS = 3600;
    /** Dead letters are kept the longest SQS allows, 14 days, so a failed replication can be looked into. */
    public static final int DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
    public static final int LOG_RETENTION_DAYS = 30;

    private static final String SOURCE_MEMO = "replication/source-region";

    private final Topology topology;
    private final RegionSpec region;
    private final FunctionCode code;
    private final ResourceNames names;

    public ReplicationLayer(Topology topology, RegionSpec region) {
        this(topology, region, ReplicationPackage.get());
    }

    public ReplicationLayer(Topology topology, RegionSpec region, FunctionCode code) {
        this.topology = topology;
        this.region = region;
        this.code = code;
        this.names = ResourceNames.of(topology);
    }

    /** Adds the nodes to the region's graph, whose codecommit/repository "repo" they listen to. */
    public void addTo(RegionGraph g) {
        List<String> secondaries = topology.regions().stream().map(RegionSpec::name).filter(r -> !r.equals(region.name()))
                .toList();
        if (secondaries.isEmpty()) {
            return;
        }
        RegionContext ctx = g.context();
        String repository = topology.pipeline().repository();
        ResourceKey repositoryKey = key("codecommit/repository", "repo");
        // the rule's ARN is known from its name before it exists: the queue policy and permission name it
        String ruleArn = RegionalArns.of(ctx, "events", "rule/" + names.replicationRule());
        String queueArn = RegionalArns.of(ctx, "sqs", names.replicationQueue());

        ResourceKey queue = g.add(key("sqs/queue", "replication-dlq"), new QueueReconciler(), new QueueSpec(
                names.replicationQueue(), DEAD_LETTER_RETENTION_SECONDS, ReplicationPolicies.deadLetterQueue(queueArn, ruleArn)));
        ResourceKey logs = g.add(key("logs/log-group", "replication"), new LogGroupReconciler(),
                new LogGroupSpec(names.replicationLogGroup(), LOG_RETENTION_DAYS));
        ResourceKey role = g.add(key("iam/role", "replication"), new RoleReconciler(), new RoleSpec(
                names.regionalRole("replication", region.name()), ReplicationPolicies.LAMBDA_PRINCIPAL, "replication",
                ReplicationPolicies.function(region.name(), secondaries, repository, names.replicationLogGroup(),
                        names.replicationQueue())));
        FunctionSpec function = new FunctionSpec(names.replicationFunction(), RUNTIME, ReplicationPackage.HANDLER, MEMORY_MB,
                TIMEOUT_SECONDS, EPHEMERAL_STORAGE_MB, Map.of(
                        ReplicationSettings.REPOSITORY_NAME, repository,
                        ReplicationSettings.SOURCE_REGION, region.name(),
                        ReplicationSettings.SECONDARY_REGIONS, String.join(",", secondaries)),
                code, role, queue, FUNCTION_RETRIES, FUNCTION_EVENT_AGE_SECONDS, logs);
        ResourceKey fn = g.add(key("lambda/function", "replication"), new FunctionReconciler(), function,
                function.parents());
        ResourceKey permission = g.add(key("lambda/permission", "replication-invoke"), new PermissionReconciler(),
                new PermissionSpec(fn, names.replicationInvokeStatement(), ReplicationPolicies.EVENTS_PRINCIPAL,
                        "lambda:InvokeFunction", ruleArn), fn);
        ReplicationTriggerSpec rule = new ReplicationTriggerSpec(names.replicationRule(), repositoryKey, fn, queue,
                DELIVERY_RETRIES, DELIVERY_EVENT_AGE_SECONDS, this::sourceRegion);
        List<ResourceKey> ruleDeps = new java.util.ArrayList<>(rule.parents());
        // events must not reach the function before it may be invoked by the rule
        ruleDeps.add(permission);
        g.add(key("events/rule", "replication"), new ReplicationTriggerReconciler(), rule, ruleDeps);
    }

    /**
     * The region serving production per Route 53 (global: any region's client reads it), else the
     * topology's primary: before the records exist, the records will name it first. Read once per plan
     * for every region (GlobalReads).
     */
    String sourceRegion(RegionContext ctx) {
        return GlobalReads.memo(ctx, SOURCE_MEMO, () -> ActiveRegion.observed(ctx,
                        topology.failover().hostedZone(), topology.failover().domain(),
                        topology.regions().stream().map(RegionSpec::name).toList())
                .flatMap(ActiveRegion.Serving::active)
                .orElse(topology.primary().name()));
    }

    private ResourceKey key(String type, String name) {
        return new ResourceKey(region.name(), type, name);
    }
}
