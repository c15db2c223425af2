package io.devopscli.resources.layers;

import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.lambda.ReplicationSettings;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.iam.PolicyDocuments;
import io.devopscli.resources.lambda.FunctionCode;
import io.devopscli.resources.lambda.ReplicationPackage;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The replication layer as `up` builds it in a region (config/topology.yaml, project natproj),
 * through the real Engine against moto: the function, its role, log group, dead-letter queue, invoke
 * permission and trigger rule. The CodeCommit repository is made with a plain SDK client (its reconciler
 * is tested elsewhere). moto stores the function's package and reports its CodeSha256 without Docker;
 * nothing here invokes the function (that needs Docker in moto): ReplicationHandlerTest runs the
 * handler itself against real git servers.
 */
@EmulatorTest
class ReplicationLayerEmulatorTest {
    private static final ResourceKey REPO = key("codecommit/repository", "repo");
    private static final ResourceKey FUNCTION = key("lambda/function", "replication");
    private static final ResourceKey PERMISSION = key("lambda/permission", "replication-invoke");
    private static final ResourceKey RULE = key("events/rule", "replication");
    private static final ResourceKey QUEUE = key("sqs/queue", "replication-dlq");
    private static final ResourceKey ROLE = key("iam/role", "replication");
    private static final ResourceKey LOGS = key("logs/log-group", "replication");
    private static final String FUNCTION_NAME = "natproj-replication";
    private static final String QUEUE_NAME = "natproj-replication-dlq";
    private static final String RULE_NAME = "natproj-replication";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/" + RULE_NAME;
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:" + QUEUE_NAME;

    private EngineHarness harness;
    private LambdaClient lambda;
    private Topology topology;
    private String repoArn;

    @BeforeEach
    void setUp() throws IOException {
        Emulator.reset();
        topology = TopologyLoader.parse(Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: natproj "), "topology.yaml");
        harness = new EngineHarness(g -> graph(g, pkg("v1")));
        lambda = harness.clients().lambda();
        repoArn = harness.clients().codecommit().createRepository(r -> r.repositoryName("logicworks-devops-repo"))
                .repositoryMetadata().arn();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void graph(RegionGraph g, FunctionCode code) {
        g.add(REPO, new PreMadeReconciler(), repoArn);
        new ReplicationLayer(topology, topology.primary(), code).addTo(g);
    }

    /** A small but real zip: moto, like Lambda, stores it and reports its SHA-256. */
    static FunctionCode pkg(String version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("version.txt");
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(version.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return FunctionCode.of(bytes.toByteArray());
    }

    @Test
    void basicDeploysTheFunctionWithItsTriggerPermissionQueueRoleAndLogs() {
        harness.up();

        GetFunctionResponse f = lambda.getFunction(r -> r.functionName(FUNCTION_NAME));
        assertEquals("java21", f.configuration().runtimeAsString());
        assertEquals(ReplicationPackage.HANDLER, f.configuration().handler());
        assertEquals(2048, f.configuration().memorySize());
        assertEquals(900, f.configuration().timeout());
        assertEquals(4096, f.configuration().ephemeralStorage().size());
        assertEquals(pkg("v1").sha256(), f.configuration().codeSha256());
        assertEquals(Map.of(ReplicationSettings.REPOSITORY_NAME, "logicworks-devops-repo",
                ReplicationSettings.SOURCE_REGION, "us-east-1",
                ReplicationSettings.SECONDARY_REGIONS, "us-east-2"), f.configuration().environment().variables());
        assertEquals("arn:aws:iam::123456789012:role/natproj-replication-us-east-1", f.configuration().role());
        assertEquals(Map.of(Tags.OWNER_KEY, "natproj", Tags.NAME_KEY, FUNCTION_NAME), f.tags());

        GetFunctionEventInvokeConfigResponse invoke = lambda.getFunctionEventInvokeConfig(r -> r.functionName(FUNCTION_NAME));
        assertEquals(QUEUE_ARN, invoke.destinationConfig().onFailure().destination());
        assertEquals(2, invoke.maximumRetryAttempts());
        assertEquals(21600, invoke.maximumEventAgeInSeconds());

        JsonNode statement = PolicyDocuments.parse(lambda.getPolicy(r -> r.functionName(FUNCTION_NAME)).policy())
                .path("Statement").get(0);
        assertEquals("events-" + RULE_NAME, statement.path("Sid").asText());
        assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals("lambda:InvokeFunction", statement.path("Action").asText());
        assertEquals(RULE_ARN, statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText());

        var rule = harness.clients().events().describeRule(r -> r.name(RULE_NAME));
        JsonNode pattern = PolicyDocuments.parse(rule.eventPattern());
        assertEquals(repoArn, pattern.path("resources").get(0).asText());
        assertEquals("[\"referenceCreated\",\"referenceUpdated\",\"referenceDeleted\"]",
                pattern.path("detail").path("event").toString());
        List<Target> targets = harness.clients().events().listTargetsByRule(r -> r.rule(RULE_NAME)).targets();
        assertEquals(1, targets.size());
        assertEquals(f.configuration().functionArn(), targets.get(0).arn());
        assertEquals(20, targets.get(0).retryPolicy().maximumRetryAttempts());
        assertEquals(3600, targets.get(0).retryPolicy().maximumEventAgeInSeconds());
        assertEquals(QUEUE_ARN, targets.get(0).deadLetterConfig().arn());

        String queueUrl = harness.clients().sqs().getQueueUrl(r -> r.queueName(QUEUE_NAME)).queueUrl();
        Map<String, String> attributes = harness.clients().sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertEquals("1209600", attributes.get("MessageRetentionPeriod"));
        JsonNode queuePolicy = PolicyDocuments.parse(attributes.get("Policy")).path("Statement").get(0);
        assertEquals(RULE_ARN, queuePolicy.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());
        assertEquals("natproj", harness.clients().sqs().listQueueTags(r -> r.queueUrl(queueUrl)).tags().get(Tags.OWNER_KEY));

        assertEquals(30, harness.clients().logs().describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + FUNCTION_NAME))
                .logGroups().get(0).retentionInDays());
        String policy = harness.clients().iam().getRolePolicy(r -> r.roleName("natproj-replication-us-east-1")
                .policyName("replication")).policyDocument();
        assertTrue(PolicyDocuments.parse(policy).toString().contains("arn:aws:codecommit:us-east-2:*:logicworks-devops-repo"));
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        harness.apply(second);
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void aNewPackageIsAnUpdateOfTheCodeAndNothingElse() {
        harness.up();
        harness.desire(g -> graph(g, pkg("v2")));

        assertEquals(List.of(new Change(FUNCTION, Action.UPDATE, List.of(FieldChange.of("codeSha256",
                pkg("v2").sha256(), pkg("v1").sha256())))), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(pkg("v2").sha256(), lambda.getFunction(r -> r.functionName(FUNCTION_NAME)).configuration().codeSha256());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateRestoresMemoryChangedByHand() {
        harness.up();
        lambda.updateFunctionConfiguration(r -> r.functionName(FUNCTION_NAME).memorySize(512));

        assertEquals(List.of(new Change(FUNCTION, Action.UPDATE, List.of(FieldChange.of("memoryMb", 2048, 512)))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(2048, lambda.getFunction(r -> r.functionName(FUNCTION_NAME)).configuration().memorySize());
    }

    @Test
    void updateRestoresTheOnFailureDestinationRemovedByHand() {
        // (moto's PutFunctionEventInvokeConfig appends and Get returns the first one, so a config edited
        // by hand stays invisible there; a removed one is seen, as on AWS)
        harness.up();
        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName(FUNCTION_NAME));

        Change change = EngineHarness.byKey(harness.plan()).get(FUNCTION);
        assertEquals(List.of("onFailure", "maxRetryAttempts", "maxEventAgeSeconds"), fields(change));
        harness.up();
        assertEquals(QUEUE_ARN, lambda.getFunctionEventInvokeConfig(r -> r.functionName(FUNCTION_NAME))
                .destinationConfig().onFailure().destination());
    }

    @Test
    void updateRestoresTheRuleTargetsRetryPolicyAndDeadLetterQueue() {
        harness.up();
        String functionArn = lambda.getFunction(r -> r.functionName(FUNCTION_NAME)).configuration().functionArn();
        harness.clients().events().putTargets(r -> r.rule(RULE_NAME).targets(Target.builder().id("replication")
                .arn(functionArn).build()));

        assertEquals(List.of("targets"), fields(EngineHarness.byKey(harness.plan()).get(RULE)));
        harness.up();
        Target target = harness.clients().events().listTargetsByRule(r -> r.rule(RULE_NAME)).targets().get(0);
        assertEquals(QUEUE_ARN, target.deadLetterConfig().arn());
        assertEquals(20, target.retryPolicy().maximumRetryAttempts());
    }

    @Test
    void updateRestoresTheQueueRetentionChangedByHand() {
        harness.up();
        String url = harness.clients().sqs().getQueueUrl(r -> r.queueName(QUEUE_NAME)).queueUrl();
        String policy = harness.clients().sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.POLICY)).attributesAsStrings().get("Policy");
        // moto's SetQueueAttributes drops the policy when the call does not repeat it (AWS keeps it)
        harness.clients().sqs().setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60", QueueAttributeName.POLICY, policy)));

        assertEquals(List.of(new Change(QUEUE, Action.UPDATE, List.of(FieldChange.of("retentionSeconds", 1209600, 60)))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearedPermissionPlansExactlyOneCreate() {
        harness.up();
        lambda.removePermission(r -> r.functionName(FUNCTION_NAME).statementId("events-" + RULE_NAME));

        assertEquals(List.of(new Change(PERMISSION, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearedFunctionIsCreatedAgainWithItsPermission() {
        harness.up();
        lambda.deleteFunction(r -> r.functionName(FUNCTION_NAME)); // its policy goes with it, as on AWS

        Map<ResourceKey, Change> plan = EngineHarness.byKey(harness.plan());
        assertEquals(Action.CREATE, plan.get(FUNCTION).action());
        assertEquals(Action.CREATE, plan.get(PERMISSION).action());
        // the rule cannot know the new function's ARN before it exists, so it plans to set its target again
        assertEquals(List.of("targets"), fields(plan.get(RULE)));
        assertEquals(3, EngineHarness.mutations(harness.plan()).size());
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void destroyRemovesEverythingTheLayerMade() {
        harness.up();
        harness.down();

        assertEquals(List.of(), lambda.listFunctions().functions());
        assertEquals(List.of(), harness.clients().events().listRules(r -> { }).rules());
        assertEquals(List.of(), harness.clients().sqs().listQueues().queueUrls());
        assertTrue(harness.clients().iam().listRoles().roles().stream()
                .noneMatch(r -> r.roleName().equals("natproj-replication-us-east-1")));
        assertEquals(List.of(), harness.clients().logs().describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/"))
                .logGroups());
    }

    @Test
    void withoutAPackageThePlanShowsTheFunctionAndApplyFailsItSayingWhatToDo() {
        harness.desire(g -> graph(g, FunctionCode.missing("build it with `make build`")));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(FUNCTION).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult function = report.results().stream().filter(r -> r.key().equals(FUNCTION)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, function.outcome());
        assertTrue(function.message().contains("make build"), function.message());
        assertNotEquals(NodeResult.Outcome.DONE, report.results().stream().filter(r -> r.key().equals(RULE))
                .findFirst().orElseThrow().outcome());
    }

    @Test
    void outsideTheReplicationSourceTheTriggerIsDisabledAndThatIsNotDrift() throws IOException {
        // us-east-1 is a secondary here, and there are no failover records yet: the source is the primary
        Topology swapped = TopologyLoader.parse(Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: natproj ")
                .replace("{name: us-east-1, role: primary", "{name: us-east-1, role: secondary")
                .replace("{name: us-east-2, role: secondary", "{name: us-east-2, role: primary"), "topology.yaml");
        RegionSpec east1 = swapped.region("us-east-1").orElseThrow();
        harness.desire(g -> {
            g.add(REPO, new PreMadeReconciler(), repoArn);
            new ReplicationLayer(swapped, east1, pkg("v1")).addTo(g);
        });
        harness.up();

        assertEquals("DISABLED", harness.clients().events().describeRule(r -> r.name(RULE_NAME)).stateAsString());
        assertEquals(Map.of(ReplicationSettings.REPOSITORY_NAME, "logicworks-devops-repo",
                ReplicationSettings.SOURCE_REGION, "us-east-1", ReplicationSettings.SECONDARY_REGIONS, "us-east-2"),
                lambda.getFunction(r -> r.functionName(FUNCTION_NAME)).configuration().environment().variables());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));

        // enabled by hand (or by a failover that Route 53 does not back): drift, put back by up
        harness.clients().events().enableRule(r -> r.name(RULE_NAME));
        assertEquals(List.of(new Change(RULE, Action.UPDATE, List.of(FieldChange.of("state", "DISABLED", "ENABLED")))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals("DISABLED", harness.clients().events().describeRule(r -> r.name(RULE_NAME)).stateAsString());
    }

    private static List<String> fields(Change change) {
        return change.fields().stream().map(FieldChange::field).toList();
    }
}
