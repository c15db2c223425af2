package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.elbv2.ElbStack.ALB;
import static io.devopscli.resources.elbv2.ElbStack.LISTENER;
import static io.devopscli.resources.elbv2.ElbStack.PRODUCTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

@EmulatorTest
class ListenerReconcilerEmulatorTest {
    private EngineHarness harness;
    private ElasticLoadBalancingV2Client elb;
    private ElbParents parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> { });
        parents = ElbParents.make(harness.clients().ec2());
        harness.desire(this::graph);
        elb = harness.clients().elbv2();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Load balancer, both target groups and the listener, wired as the graph builder does. */
    private void graph(RegionGraph g) {
        ElbStack.base(g, parents, ElbStack.alb());
        g.add(LISTENER, new ListenerReconciler(), ElbStack.listener(), ALB, PRODUCTION);
    }

    @Test
    void basicServesProductionOnPort80ByDefault() {
        harness.up();

        Listener listener = listeners().get(0);
        assertEquals(80, listener.port());
        assertEquals("HTTP", listener.protocolAsString());
        assertEquals("forward", listener.defaultActions().get(0).typeAsString());
        assertEquals(tgArn("natproj-production"), listener.defaultActions().get(0).targetGroupArn());
        // AWS and moto both keep tags on listeners; ours carries the usual two
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-http"), tags(listener.listenerArn()));
        ListenerState observed = (ListenerState) harness.plan().regions().get(0).observed().get(LISTENER);
        assertEquals(listener.listenerArn(), observed.arn());
    }

    @Test
    void idempotentSecondRunMakesNoMutatingCall() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
        assertEquals(1, listeners().size());
    }

    @Test
    void aDefaultActionPointedElsewhereByHandIsSetBack() {
        harness.up();
        String arn = listeners().get(0).listenerArn();
        elb.modifyListener(r -> r.listenerArn(arn).defaultActions(RuleAction.forward(tgArn("natproj-staging"))));

        Change change = EngineHarness.byKey(harness.plan()).get(LISTENER);
        // staging is not among the listener's parents, so it shows as its ARN
        assertEquals(new Change(LISTENER, Action.UPDATE, List.of(FieldChange.of("defaultAction", "forward:production",
                "forward:" + tgArn("natproj-staging")))), change);
        harness.up();

        assertEquals(tgArn("natproj-production"), listeners().get(0).defaultActions().get(0).targetGroupArn());
        assertEquals(arn, listeners().get(0).listenerArn());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        elb.deleteListener(r -> r.listenerArn(listeners().get(0).listenerArn()));

        assertEquals(List.of(new Change(LISTENER, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, listeners().size());
    }

    @Test
    void destroyDeletesTheListenerBeforeItsTargetGroupsAndLoadBalancer() {
        harness.up();
        Plan plan = harness.planDestroy();
        assertEquals(Action.DELETE, EngineHarness.byKey(plan).get(LISTENER).action());
        EngineHarness.succeeded(harness.destroy(plan));

        assertEquals(List.of(), elb.describeLoadBalancers().loadBalancers());
        assertEquals(List.of(), elb.describeTargetGroups().targetGroups());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()).stream()
                .filter(c -> c.key().type().startsWith("elbv2/")).toList());
    }

    @Test
    void aTargetGroupStillForwardedToCannotBeDeletedAndSaysWhy() {
        harness.up();
        String arn = tgArn("natproj-production");
        TargetGroupState production = new TargetGroupState(arn, "natproj-production", parents.vpcId(), 8080, "HTTP",
                "ip", TargetGroupSpec.HealthCheck.http("/health"), 30);

        // AwsCall retries ResourceInUse up to its bound (5 s in tests), then the node fails with this
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TargetGroupReconciler()
                .delete(production, Emulator.context(EngineHarness.REGION, PROJECT, harness.clients())));
        assertTrue(e.getMessage().contains("target group natproj-production is still used by a listener or rule"),
                e.getMessage());
        assertEquals(2, elb.describeTargetGroups().targetGroups().size());
    }

    private List<Listener> listeners() {
        String lbArn = elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners();
    }

    private String tgArn(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
