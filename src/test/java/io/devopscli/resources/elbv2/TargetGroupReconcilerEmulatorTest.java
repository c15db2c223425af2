package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.elbv2.ElbParents.VPC;
import static io.devopscli.resources.elbv2.ElbStack.PRODUCTION;
import static io.devopscli.resources.elbv2.ElbStack.STAGING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

@EmulatorTest
class TargetGroupReconcilerEmulatorTest {
    private EngineHarness harness;
    private ElasticLoadBalancingV2Client elb;
    private ElbParents parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> { });
        parents = ElbParents.make(harness.clients().ec2());
        harness.desire(g -> graph(g, ElbStack.targetGroup("production")));
        elb = harness.clients().elbv2();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void graph(RegionGraph g, TargetGroupSpec production) {
        parents.addTo(g);
        g.add(STAGING, new TargetGroupReconciler(), ElbStack.targetGroup("staging"), VPC);
        g.add(PRODUCTION, new TargetGroupReconciler(), production, VPC);
    }

    @Test
    void basicCreatesIpTargetGroupsWithTheHealthCheckAndDeregistrationDelay() {
        harness.up();

        TargetGroup tg = byName("natproj-production");
        assertEquals("ip", tg.targetTypeAsString());
        assertEquals("HTTP", tg.protocolAsString());
        assertEquals(ElbStack.APP_PORT, tg.port());
        assertEquals(parents.vpcId(), tg.vpcId());
        assertEquals("HTTP", tg.healthCheckProtocolAsString());
        assertEquals("/health", tg.healthCheckPath());
        assertEquals("200", tg.matcher().httpCode());
        assertEquals(15, tg.healthCheckIntervalSeconds());
        assertEquals(5, tg.healthCheckTimeoutSeconds());
        assertEquals(2, tg.healthyThresholdCount());
        assertEquals(3, tg.unhealthyThresholdCount());
        assertEquals("30", attribute(tg.targetGroupArn(), TargetGroupReconciler.DEREGISTRATION_DELAY));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-production"), tags(tg.targetGroupArn()));
        assertEquals(2, elb.describeTargetGroups().targetGroups().size());

        TargetGroupState observed = (TargetGroupState) harness.plan().regions().get(0).observed().get(PRODUCTION);
        assertEquals(tg.targetGroupArn(), observed.arn());
    }

    @Test
    void idempotentSecondRunMakesNoMutatingCall() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void healthCheckAndDelayChangedByHandAreSetBack() {
        harness.up();
        String arn = byName("natproj-production").targetGroupArn();
        elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthCheckPath("/").healthCheckIntervalSeconds(30));
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(a -> a
                .key(TargetGroupReconciler.DEREGISTRATION_DELAY).value("300")));

        Change change = EngineHarness.byKey(harness.plan()).get(PRODUCTION);
        assertEquals(new Change(PRODUCTION, Action.UPDATE, List.of(FieldChange.of("healthCheck.path", "/health", "/"),
                FieldChange.of("healthCheck.intervalSeconds", 15, 30),
                FieldChange.of("deregistrationDelaySeconds", 30, 300))), change);
        harness.up();

        TargetGroup tg = byName("natproj-production");
        assertEquals(arn, tg.targetGroupArn());
        assertEquals("/health", tg.healthCheckPath());
        assertEquals(15, tg.healthCheckIntervalSeconds());
        assertEquals("30", attribute(arn, TargetGroupReconciler.DEREGISTRATION_DELAY));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aNewHealthCheckPathInTheSpecIsAppliedInPlace() {
        harness.up();
        harness.desire(g -> graph(g, TargetGroupSpec.forApp("natproj-production", VPC, ElbStack.APP_PORT, "/ready")));

        assertEquals(List.of(new Change(PRODUCTION, Action.UPDATE, List.of(FieldChange.of("healthCheck.path", "/ready", "/health")))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals("/ready", byName("natproj-production").healthCheckPath());
    }

    @Test
    void anotherPortReplacesTheTargetGroup() {
        harness.up();
        String oldArn = byName("natproj-production").targetGroupArn();
        harness.desire(g -> graph(g, TargetGroupSpec.forApp("natproj-production", VPC, 9090, "/health")));

        assertEquals(List.of(new Change(PRODUCTION, Action.REPLACE, List.of(FieldChange.immutable("port", 9090, 8080)))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        TargetGroup tg = byName("natproj-production");
        assertEquals(9090, tg.port());
        assertTrue(!oldArn.equals(tg.targetGroupArn()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        elb.deleteTargetGroup(r -> r.targetGroupArn(byName("natproj-production").targetGroupArn()));

        assertEquals(List.of(new Change(PRODUCTION, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(2, elb.describeTargetGroups().targetGroups().size());
    }

    @Test
    void destroyDeletesBothAndNothingOwnedIsLeft() {
        harness.up();
        EngineHarness.succeeded(harness.destroy(harness.planDestroy()));

        assertEquals(List.of(), elb.describeTargetGroups().targetGroups());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()).stream()
                .filter(c -> c.key().type().startsWith("elbv2/")).toList());
    }

    @Test
    void aSameNamedTargetGroupWithoutOurTagsIsNeitherAdoptedNorDeleted() {
        String foreign = elb.createTargetGroup(r -> r.name("natproj-production").protocol("HTTP").port(80)
                .vpcId(parents.vpcId()).targetType("ip")).targetGroups().get(0).targetGroupArn();

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(PRODUCTION).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().stream().filter(r -> r.key().equals(PRODUCTION)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("/natproj-production/")
                        && result.message().contains("already exists and is not owned by devops-cli"),
                result.message());

        harness.down();
        assertEquals(List.of(foreign), elb.describeTargetGroups().targetGroups().stream()
                .map(TargetGroup::targetGroupArn).toList());
    }

    @Test
    void targetHealthQueryCountsTargetsByState() {
        harness.up();
        String arn = byName("natproj-staging").targetGroupArn();
        TargetHealthQuery query = new TargetHealthQuery(elb);
        assertEquals("no targets", query.counts(arn).render());

        // moto reports every registered target healthy (it runs no health checks)
        elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id("10.30.0.10"), t -> t.id("10.30.1.10")));
        TargetHealthQuery.Counts counts = query.counts(arn);
        assertEquals(Map.of("healthy", 2), counts.byState());
        assertEquals(2, counts.total());
        assertEquals("2 healthy", counts.render());
    }

    private TargetGroup byName(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0);
    }

    private String attribute(String arn, String key) {
        return elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
                .filter(a -> key.equals(a.key())).findFirst().orElseThrow().value();
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
